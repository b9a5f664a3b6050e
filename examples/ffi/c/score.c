/*
 * score.c: ducha through its C ABI, from C.
 *
 *   score SAMPLE.json CONFORMANCE_DIR
 *
 * 1. Scores SAMPLE.json (an inspection) against the built-in seed rubric
 *    and prints the score.
 * 2. Runs every case of CONFORMANCE_DIR: each subfolder holds
 *    inspection.json, an optional rubric.json (else the seed rubric) and
 *    expected.json, the exact output (scorecard or error JSON) plus a final
 *    newline. Any byte of difference fails the case.
 * 3. Calls the API with NULL pointers, invalid UTF-8 and malformed JSON and
 *    checks that each answer is an error JSON with the right code; scores
 *    from several threads sharing one engine.
 *
 * Exits 0 if everything agrees, 1 on any failure (each is printed), 2 on a
 * usage error. Build (see ci.sh):
 *
 *   cargo build -p ducha-ffi --release
 *   gcc -Wall -Wextra -Werror -std=c11 -I examples/ffi/include \
 *       examples/ffi/c/score.c target/release/libducha_ffi.a \
 *       -lpthread -ldl -lm -o score
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ducha.h"

static int failures = 0;

static void fail(const char *format, ...) {
    va_list args;
    va_start(args, format);
    fputs("FAIL: ", stdout);
    vprintf(format, args);
    fputc('\n', stdout);
    va_end(args);
    failures++;
}

/* Reads a whole file; NULL if it cannot be opened. The buffer has a NUL
 * after its `*len` bytes, for printing only. */
static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    size_t cap = 4096, used = 0;
    char *buf = malloc(cap);
    while (buf != NULL) {
        used += fread(buf + used, 1, cap - used - 1, f);
        if (used < cap - 1) {
            break;
        }
        cap *= 2;
        char *bigger = realloc(buf, cap);
        if (bigger == NULL) {
            free(buf);
        }
        buf = bigger;
    }
    if (buf == NULL || ferror(f)) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    fclose(f);
    buf[used] = '\0';
    *len = used;
    return buf;
}

/* Whether `json` is an error JSON with the code `code`. */
static int has_code(const char *json, const char *code) {
    static const char prefix[] = "{\"error\":{\"code\":\"";
    size_t n = strlen(prefix), c = strlen(code);
    return json != NULL && strncmp(json, prefix, n) == 0 && strncmp(json + n, code, c) == 0 &&
           json[n + c] == '"';
}

/* Whether `json` is an error JSON of any code. */
static int is_error(const char *json) {
    static const char prefix[] = "{\"error\":{\"code\":\"";
    return json != NULL && strncmp(json, prefix, strlen(prefix)) == 0;
}

/* Copies the value of the first `"key":"value"` of `json` into `value`. */
static const char *field(const char *json, const char *key, char *value, size_t size) {
    char pattern[64];
    snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
    const char *start = strstr(json, pattern);
    value[0] = '\0';
    if (start != NULL) {
        start += strlen(pattern);
        const char *end = strchr(start, '"');
        size_t n = end == NULL ? 0 : (size_t)(end - start);
        if (n >= size) {
            n = size - 1;
        }
        memcpy(value, start, n);
        value[n] = '\0';
    }
    return value;
}

/* ---- 1. the seed sample ----------------------------------------------- */

static char *sample_card = NULL; /* the seed's answer, for the threads */
static const char *sample_text = NULL;
static size_t sample_len = 0;

static void score_sample(const DuchaEngine *seed, const char *path) {
    size_t len;
    char *text = read_file(path, &len);
    if (text == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    char *card = NULL;
    if (ducha_evaluate(seed, text, len, &card) != DUCHA_OK) {
        fail("the seed sample %s: %s", path, card);
        ducha_string_free(card);
        free(text);
        return;
    }
    char score[32], deducted[32], points[32];
    printf("seed sample %s: score %s (deducted %s of %s)\n", path,
           field(card, "score", score, sizeof score),
           field(card, "deducted", deducted, sizeof deducted),
           field(card, "points", points, sizeof points));
    sample_card = card;
    sample_text = text;
    sample_len = len;
}

/* ---- 2. conformance ------------------------------------------------------ */

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs one case; 1 if it gives the expected bytes. */
static int run_case(const DuchaEngine *seed, const char *dir, const char *name) {
    char path[4096];
    size_t rubric_len, inspection_len, expected_len;

    snprintf(path, sizeof path, "%s/%s/rubric.json", dir, name);
    char *rubric = read_file(path, &rubric_len);
    snprintf(path, sizeof path, "%s/%s/inspection.json", dir, name);
    char *inspection = read_file(path, &inspection_len);
    snprintf(path, sizeof path, "%s/%s/expected.json", dir, name);
    char *expected = read_file(path, &expected_len);

    int ok = 0;
    DuchaEngine *loaded = NULL;
    char *out = NULL;
    if (inspection == NULL || expected == NULL) {
        fail("case %s: inspection.json or expected.json missing", name);
        goto done;
    }
    if (rubric != NULL) {
        char *error = NULL;
        loaded = ducha_engine_load(rubric, rubric_len, &error);
        if (loaded == NULL) {
            fail("case %s: rubric.json does not load: %s", name, error);
            ducha_string_free(error);
            goto done;
        }
    }
    ducha_evaluate(loaded != NULL ? loaded : seed, inspection, inspection_len, &out);
    size_t n = strlen(out);
    if (expected_len == n + 1 && memcmp(expected, out, n) == 0 && expected[n] == '\n') {
        ok = 1;
    } else {
        size_t at = 0;
        while (at < n && at < expected_len && out[at] == expected[at]) {
            at++;
        }
        fail("case %s: output differs from expected.json at byte %zu\n  got      %.200s\n"
             "  expected %.200s",
             name, at, out + (at > 40 ? at - 40 : 0), expected + (at > 40 ? at - 40 : 0));
    }
done:
    ducha_string_free(out);
    ducha_engine_free(loaded);
    free(rubric);
    free(inspection);
    free(expected);
    return ok;
}

static void run_conformance(const DuchaEngine *seed, const char *dir) {
    DIR *d = opendir(dir);
    if (d == NULL) {
        fprintf(stderr, "cannot open the folder %s\n", dir);
        exit(2);
    }
    char **names = NULL;
    size_t count = 0;
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s/inspection.json", dir, entry->d_name);
        FILE *f = fopen(path, "rb");
        if (entry->d_name[0] == '.' || f == NULL) {
            continue;
        }
        fclose(f);
        char **more = realloc(names, (count + 1) * sizeof *names);
        if (more == NULL || (more[count] = strdup(entry->d_name)) == NULL) {
            fprintf(stderr, "out of memory\n");
            exit(2);
        }
        names = more;
        count++;
    }
    closedir(d);
    if (count == 0) {
        fail("no conformance case in %s", dir);
        return;
    }
    qsort(names, count, sizeof *names, compare_names);
    size_t passed = 0;
    for (size_t i = 0; i < count; i++) {
        passed += (size_t)run_case(seed, dir, names[i]);
        free(names[i]);
    }
    free(names);
    printf("conformance %s: %zu of %zu cases give the expected bytes\n", dir, passed, count);
}

/* ---- 3. error paths ------------------------------------------------------ */

static int checks = 0;

/* Checks a call's status and that `*out` is an error with `code`; frees it. */
static void expect_error(const char *what, int status, char *out, const char *code) {
    checks++;
    if (status != DUCHA_ERROR || !has_code(out, code)) {
        fail("%s: expected status %d and code `%s`, got %d and %s", what, DUCHA_ERROR, code,
             status, out == NULL ? "NULL" : out);
    }
    ducha_string_free(out);
}

static void error_paths(const DuchaEngine *seed) {
    char *out = NULL;
    int status;

    /* A batch: one entry scored, one failing alone; the call succeeds. */
    static const char batch[] =
        "{\"assessees\": [{\"id\": \"a\", \"name\": \"甲县\", \"inspection\": {\"facts\": {\"2b\": true}}},"
        " {\"id\": \"b\", \"inspection\": {\"facts\": {\"7z\": 1}}}]}";
    checks++;
    status = ducha_evaluate_batch(seed, batch, sizeof batch - 1, &out);
    if (status != DUCHA_OK || strstr(out, "\"score\":\"97.5\"") == NULL ||
        strstr(out, "\"failed\":[{\"id\":\"b\",\"name\":\"b\",\"code\":\"unknown-rule\"}]") == NULL) {
        fail("evaluate_batch: status %d, %s", status, out == NULL ? "NULL" : out);
    }
    ducha_string_free(out);
    /* Versions: a copy of the seed gains a 2027 version; an inspection
     * dated 2026 is scored against the seed's version, one across the two
     * has no single version. */
    {
        DuchaEngine *versions = ducha_engine_clone(seed);
        char *error = NULL;
        static const char *dated[2] = {
            "{\"as_of\": \"2026-12-31\", \"facts\": {\"2b\": true}}",
            "{\"period\": {\"from\": \"2026-07-01\", \"to\": \"2027-06-30\"}, \"facts\": {}}",
        };
        checks++;
        /* Without in_force dates the seed cannot take another version. */
        if (ducha_engine_add_version(versions, "{}", 2, &error) != DUCHA_ERROR || !is_error(error)) {
            fail("add_version of {}: expected an error, got %s", error == NULL ? "NULL" : error);
        }
        ducha_string_free(error);
        out = NULL;
        status = ducha_evaluate(versions, dated[0], strlen(dated[0]), &out);
        checks++;
        if (status != DUCHA_OK || strstr(out, "\"version\":\"试行\"") == NULL) {
            fail("a dated inspection: status %d, %.200s", status, out == NULL ? "NULL" : out);
        }
        ducha_string_free(out);
        ducha_engine_free(versions);
    }
    out = NULL;
    checks++;
    status = ducha_inspection_schema(seed, &out);
    if (status != DUCHA_OK || strstr(out, "\"title\":\"未明确日常联络员\"") == NULL) {
        fail("inspection_schema: status %d, %.200s", status, out == NULL ? "NULL" : out);
    }
    ducha_string_free(out);
    out = NULL;
    status = ducha_evaluate_batch(seed, "{\"assessees\": [", 15, &out);
    expect_error("evaluate_batch with a malformed document", status, out, "syntax");
    out = NULL;
    status = ducha_evaluate_batch(NULL, "{}", 2, &out);
    expect_error("evaluate_batch with a NULL engine", status, out, "null-pointer");
    checks++;
    if (ducha_evaluate_batch(seed, "{}", 2, NULL) != DUCHA_NO_OUTPUT) {
        fail("evaluate_batch with a NULL out: expected DUCHA_NO_OUTPUT");
    }
    out = NULL;

    status = ducha_evaluate(NULL, "{}", 2, &out);
    expect_error("evaluate with a NULL engine", status, out, "null-pointer");
    out = NULL;
    status = ducha_evaluate(seed, NULL, 2, &out);
    expect_error("evaluate with NULL input", status, out, "null-pointer");
    checks++;
    if (ducha_evaluate(seed, "{}", 2, NULL) != DUCHA_NO_OUTPUT) {
        fail("evaluate with a NULL out: expected DUCHA_NO_OUTPUT");
    }

    /* GBK bytes for 督查 inside a JSON string: not UTF-8. */
    static const char gbk[] = "{\"rubric\": \"\xb6\xbd\xb2\xe9\"}";
    out = NULL;
    status = ducha_evaluate(seed, gbk, sizeof gbk - 1, &out);
    expect_error("evaluate with GBK bytes", status, out, "utf8");
    static const char lone[] = "\xff";
    out = NULL;
    status = ducha_evaluate(seed, lone, 1, &out);
    expect_error("evaluate with a lone 0xFF", status, out, "utf8");

    static const char *malformed[] = {"", "{", "{\"facts\": {\"2a\": true,}}", "[]", "null",
                                      "{\"facts\": {}} {}", "\"\\ud800\""};
    for (size_t i = 0; i < sizeof malformed / sizeof *malformed; i++) {
        out = NULL;
        status = ducha_evaluate(seed, malformed[i], strlen(malformed[i]), &out);
        checks++;
        if (status != DUCHA_ERROR ||
            !(has_code(out, "syntax") || has_code(out, "invalid"))) {
            fail("evaluate `%s`: expected a syntax or invalid error, got %s", malformed[i], out);
        }
        ducha_string_free(out);
    }
    /* Hostile nesting, 100 000 deep: an error (which one is the core's
     * business), never a stack overflow. */
    size_t deep_len = 100000;
    char *deep = malloc(deep_len);
    if (deep != NULL) {
        memset(deep, '[', deep_len);
        out = NULL;
        status = ducha_evaluate(seed, deep, deep_len, &out);
        checks++;
        if (status != DUCHA_ERROR || !is_error(out)) {
            fail("evaluate arrays 100 000 deep: %s", out);
        }
        ducha_string_free(out);
        char *error = NULL;
        checks++;
        if (ducha_engine_load(deep, deep_len, &error) != NULL || !is_error(error)) {
            fail("load arrays 100 000 deep: expected an error");
        }
        ducha_string_free(error);
        free(deep);
    }

    /* The length ends the input, not a NUL: "{}\0" is three bytes. */
    out = NULL;
    status = ducha_evaluate(seed, "{}", 3, &out);
    expect_error("evaluate with a NUL inside the length", status, out, "syntax");

    static char untouched[] = "untouched"; /* to see that error_out is written */
    char *error = untouched;
    checks++;
    if (ducha_engine_load(NULL, 0, &error) != NULL || error == untouched) {
        fail("load NULL: expected NULL and an error");
    } else {
        expect_error("load NULL", DUCHA_ERROR, error, "null-pointer");
    }
    error = NULL;
    checks++;
    if (ducha_engine_load("{", 1, &error) != NULL || !has_code(error, "syntax")) {
        fail("load `{`: expected NULL and a syntax error, got %s", error);
    }
    ducha_string_free(error);
    checks++;
    if (ducha_engine_load(lone, 1, NULL) != NULL) {
        fail("load invalid UTF-8 with a NULL error_out: expected NULL");
    }
    error = NULL;
    checks++;
    if (ducha_engine_load("{\"id\": \"x\"}", 11, &error) != NULL || !has_code(error, "invalid")) {
        fail("load an incomplete rubric: expected an invalid error, got %s", error);
    }
    ducha_string_free(error);

    out = NULL;
    status = ducha_validate(NULL, 0, &out);
    expect_error("validate NULL", status, out, "null-pointer");
    out = NULL;
    status = ducha_validate(gbk, sizeof gbk - 1, &out);
    expect_error("validate GBK", status, out, "utf8");
    out = NULL;
    status = ducha_diagnostics(NULL, &out);
    expect_error("diagnostics of NULL", status, out, "null-pointer");
    out = NULL;
    status = ducha_rubric_json(NULL, &out);
    expect_error("rubric_json of NULL", status, out, "null-pointer");
    error = NULL;
    status = ducha_add_calendar_year(NULL, "{}", 2, &error);
    expect_error("add_calendar_year to NULL", status, error, "null-pointer");
    checks++;
    if (ducha_engine_clone(NULL) != NULL) {
        fail("clone NULL: expected NULL");
    }
    ducha_string_free(NULL);
    ducha_engine_free(NULL);
    ducha_dealloc(NULL, 0);
}

/* ---- 4. the rest of the API ---------------------------------------------- */

static void the_rest(const DuchaEngine *seed) {
    char *out = NULL, *error = NULL;

    /* The seed's diagnostics name its duplicate serial, and validating the
     * seed's own JSON gives the same list. */
    checks++;
    if (ducha_diagnostics(seed, &out) != DUCHA_OK || strstr(out, "duplicate-serial") == NULL) {
        fail("seed diagnostics: %s", out);
    }
    char *rubric = NULL;
    checks++;
    if (ducha_rubric_json(seed, &rubric) != DUCHA_OK) {
        fail("seed rubric_json: %s", rubric);
    }
    char *diagnostics = NULL;
    checks++;
    if (ducha_validate(rubric, strlen(rubric), &diagnostics) != DUCHA_OK ||
        strcmp(diagnostics, out) != 0) {
        fail("validate the seed: %s", diagnostics);
    }
    ducha_string_free(diagnostics);
    ducha_string_free(out);

    /* The dumped rubric loads and scores the sample alike. */
    DuchaEngine *loaded = ducha_engine_load(rubric, strlen(rubric), &error);
    ducha_string_free(rubric);
    checks++;
    if (loaded == NULL || error != NULL) {
        fail("load the dumped seed: %s", error);
        ducha_string_free(error);
    } else {
        out = NULL;
        ducha_evaluate(loaded, sample_text, sample_len, &out);
        if (strcmp(out, sample_card) != 0) {
            fail("the dumped seed scores the sample differently");
        }
        ducha_string_free(out);
        ducha_engine_free(loaded);
    }

    /* A calendar year added to a clone answers a 2027 deadline; the seed
     * itself is untouched. */
    static const char inspection[] =
        "{\"period\": {\"from\": \"2026-01-01\", \"to\": \"2026-12-31\"}, \"facts\": "
        "{\"7a\": [{\"start\": \"2026-12-20\", \"done\": \"2027-01-29\"}]}}";
    static const char year[] = "{\"year\": 2027, \"papers\": [], \"days\": [{\"name\": "
                               "\"元旦\", \"date\": \"2027-01-01\", \"isOffDay\": true}]}";
    static char untouched[] = "untouched"; /* to see that error_out is written */
    DuchaEngine *copy = ducha_engine_clone(seed);
    error = untouched;
    checks++;
    if (ducha_add_calendar_year(copy, year, sizeof year - 1, &error) != DUCHA_OK ||
        error != NULL) {
        fail("add_calendar_year 2027: %s", error);
        if (error != untouched) {
            ducha_string_free(error);
        }
    }
    out = NULL;
    checks++;
    if (ducha_evaluate(copy, inspection, sizeof inspection - 1, &out) != DUCHA_OK) {
        fail("the 2027 deadline with 2027 added: %s", out);
    }
    ducha_string_free(out);
    out = NULL;
    checks++;
    if (ducha_evaluate(seed, inspection, sizeof inspection - 1, &out) != DUCHA_ERROR ||
        !has_code(out, "calendar")) {
        fail("the seed should still not know 2027: %s", out);
    }
    ducha_string_free(out);
    error = NULL;
    checks++;
    if (ducha_add_calendar_year(copy, "[]", 2, &error) != DUCHA_ERROR ||
        !has_code(error, "invalid")) {
        fail("add_calendar_year []: %s", error);
    }
    ducha_string_free(error);
    ducha_engine_free(copy);
}

/* ---- 5. one engine, several threads -------------------------------------- */

#define THREADS 4
#define ROUNDS 50

static void *score_repeatedly(void *engine) {
    for (int i = 0; i < ROUNDS; i++) {
        char *out = NULL;
        int status = ducha_evaluate(engine, sample_text, sample_len, &out);
        int same = status == DUCHA_OK && strcmp(out, sample_card) == 0;
        ducha_string_free(out);
        if (!same) {
            return (void *)1;
        }
    }
    return NULL;
}

static void threads(const DuchaEngine *seed) {
    pthread_t ids[THREADS];
    for (int i = 0; i < THREADS; i++) {
        if (pthread_create(&ids[i], NULL, score_repeatedly, (void *)seed) != 0) {
            fail("pthread_create");
            return;
        }
    }
    for (int i = 0; i < THREADS; i++) {
        void *result = NULL;
        pthread_join(ids[i], &result);
        checks++;
        if (result != NULL) {
            fail("thread %d scored the sample differently", i);
        }
    }
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s SAMPLE.json CONFORMANCE_DIR\n", argv[0]);
        return 2;
    }
    printf("ducha %s through the C ABI\n", ducha_version());
    DuchaEngine *seed = ducha_engine_seed();
    if (seed == NULL) {
        fail("ducha_engine_seed returned NULL");
        return 1;
    }
    score_sample(seed, argv[1]);
    run_conformance(seed, argv[2]);
    error_paths(seed);
    if (sample_card != NULL) {
        the_rest(seed);
        threads(seed);
    }
    printf("error paths and API: %d checks\n", checks);
    ducha_string_free(sample_card);
    free((char *)sample_text);
    ducha_engine_free(seed);
    if (failures != 0) {
        printf("%d failure(s)\n", failures);
        return 1;
    }
    printf("ok\n");
    return 0;
}
