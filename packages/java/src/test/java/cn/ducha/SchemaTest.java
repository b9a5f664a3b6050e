package cn.ducha;

import static org.junit.Assert.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

/**
 * The typed classes follow {@code schemas/scorecard.schema.json}: every
 * property of each object has its accessor (the JSON name in camelCase).
 */
public class SchemaTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static Set<String> accessors(Class<?> type) {
        Set<String> names = new HashSet<>();
        for (Method m : type.getMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && m.getParameterCount() == 0) {
                names.add(m.getName());
            }
        }
        return names;
    }

    private static String camel(String snake) {
        StringBuilder out = new StringBuilder();
        boolean up = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                out.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return out.toString();
    }

    private static void follows(Class<?> type, Object properties) {
        Set<String> have = accessors(type);
        for (String property : map(properties).keySet()) {
            assertTrue(type.getSimpleName() + " lacks `" + property + "`", have.contains(camel(property)));
        }
    }

    @Test
    public void everyPropertyHasItsAccessor() {
        Map<String, Object> schema = map(Json.parse(Repo.text(Repo.read("schemas/scorecard.schema.json"))));
        Map<String, Object> defs = map(schema.get("$defs"));
        Map<String, Object> top = map(schema.get("properties"));
        follows(Scorecard.class, top);
        follows(Rescaled.class, map(defs.get("rescaled")).get("properties"));
        follows(Indicator.class, map(defs.get("indicator")).get("properties"));
        follows(Item.class, map(defs.get("item")).get("properties"));
        follows(Rule.class, map(defs.get("rule")).get("properties"));
        follows(BonusItem.class, map(defs.get("bonusItem")).get("properties"));
        follows(Bonus.class, map(defs.get("bonus")).get("properties"));
        follows(Penalties.class, map(defs.get("penalties")).get("properties"));
        follows(Veto.class, map(defs.get("veto")).get("properties"));
        follows(Period.class, map(top.get("period")).get("properties"));
    }
}
