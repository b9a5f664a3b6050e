package cn.ducha;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Arrays;
import org.junit.Test;

/**
 * The JSON Schemas of {@code schemas/*.json} ship in the jar as the resources
 * {@code cn/ducha/schemas/NAME}, byte for byte.
 */
public class ShippedSchemasTest {

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0;) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    public void everySchemaIsAResourceOfTheJarByteForByte() throws IOException {
        File[] files = Repo.path("schemas").toFile().listFiles((dir, name) -> name.endsWith(".json"));
        assertNotNull("no schemas/ folder in the repository", files);
        Arrays.sort(files);
        assertTrue("fewer schemas than expected: " + files.length, files.length >= 5);
        for (File file : files) {
            String name = "schemas/" + file.getName();
            URL url = Engine.class.getResource(name);
            assertNotNull("no resource cn/ducha/" + name, url);
            if ("jar".equals(System.getProperty("ducha.test.from"))) {
                assertEquals("cn/ducha/" + name + " should come from the jar: " + url, "jar", url.getProtocol());
            }
            // As the README shows it.
            try (InputStream in = Engine.class.getResourceAsStream(name)) {
                assertNotNull(in);
                assertNull(name, Repo.difference(Repo.read(file.toPath()), readAll(in)));
            }
        }
    }
}
