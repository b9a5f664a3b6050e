package cn.ducha;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

/** One engine, several threads. */
public class ThreadsTest {
    private static final int THREADS = 4;
    private static final int ROUNDS = 200;

    @Test
    public void fourThreadsScoreOnOneEngine() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (Engine engine = Engine.seed()) {
            byte[] sample = Repo.sample();
            byte[] expected = engine.evaluateUtf8(sample);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int same = 0;
                    for (int i = 0; i < ROUNDS; i++) {
                        // Alternate the three entry points, and an error now and then.
                        switch ((i + thread) % 4) {
                            case 0:
                                assertArrayEquals(expected, engine.evaluateUtf8(sample));
                                break;
                            case 1:
                                assertEquals(Repo.text(expected), engine.evaluateJson(sample));
                                break;
                            case 2:
                                assertEquals(Repo.text(expected), engine.evaluate(sample).toJson());
                                break;
                            default:
                                try {
                                    engine.evaluate("{\"facts\": {\"7z\": 1}}");
                                    throw new AssertionError("scored");
                                } catch (UnknownRuleException e) {
                                    assertEquals("7z", e.id().get());
                                }
                        }
                        same++;
                    }
                    return same;
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertEquals(ROUNDS, (int) result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void closeWaitsForRunningCallsAndLaterCallsThrow() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        Engine engine = Engine.seed();
        try {
            byte[] sample = Repo.sample();
            String expected = engine.evaluateJson(sample);
            AtomicInteger scored = new AtomicInteger();
            CountDownLatch running = new CountDownLatch(THREADS);
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(pool.submit(() -> {
                    running.countDown();
                    while (true) {
                        try {
                            assertEquals(expected, engine.evaluateJson(sample));
                            scored.incrementAndGet();
                        } catch (IllegalStateException closed) {
                            return closed.getMessage();
                        }
                    }
                }));
            }
            running.await();
            while (scored.get() < THREADS * 10) {
                Thread.sleep(1);
            }
            engine.close();
            for (Future<String> result : results) {
                assertEquals("the engine is closed", result.get(60, TimeUnit.SECONDS));
            }
            assertTrue(engine.isClosed());
        } finally {
            engine.close();
            pool.shutdownNow();
        }
    }

    @Test
    public void addingAYearWhileOthersScore() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (Engine engine = Engine.seed()) {
            byte[] sample = Repo.sample();
            String expected = engine.evaluateJson(sample);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS - 1; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < ROUNDS; i++) {
                        assertEquals(expected, engine.evaluateJson(sample));
                    }
                    return ROUNDS;
                }));
            }
            Callable<Integer> adder = () -> {
                for (int i = 0; i < 20; i++) {
                    engine.addCalendarYear(EngineTest.YEAR_2027);
                }
                return 20;
            };
            results.add(pool.submit(adder));
            for (Future<Integer> result : results) {
                assertTrue(result.get(60, TimeUnit.SECONDS) > 0);
            }
            assertEquals("yuxi-shuangsuiji", engine.evaluate(EngineTest.INSPECTION_2027).rubric());
        } finally {
            pool.shutdownNow();
        }
    }
}
