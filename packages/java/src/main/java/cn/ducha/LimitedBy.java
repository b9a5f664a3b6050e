package cn.ducha;

import java.math.BigDecimal;

/**
 * What trimmed a rule's deduction ({@link Rule#limitedBy()}): the rule's own
 * {@link Cap cap}, a {@link Node node}'s points, or another rule of its
 * {@link Exclusive exclusive} group ("不重复扣分"). The JSON is
 * {@code {"kind":"cap","cap":"5"}}, {@code {"kind":"node","id":"12","points":"10"}}
 * or {@code {"kind":"exclusive","kept":"4a"}}.
 *
 * <p>Branch on {@link #kind()} or with {@code instanceof}:
 * <pre>{@code
 * LimitedBy limit = rule.limitedBy().orElse(null);
 * if (limit instanceof LimitedBy.Node) {
 *     System.out.println("bounded by " + ((LimitedBy.Node) limit).id());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe. Two limits are equal when their JSON is.
 */
public abstract class LimitedBy {
    /** The kind of {@link Cap}: {@value}. */
    public static final String CAP = "cap";
    /** The kind of {@link Node}: {@value}. */
    public static final String NODE = "node";
    /** The kind of {@link Exclusive}: {@value}. */
    public static final String EXCLUSIVE = "exclusive";

    private LimitedBy() {
    }

    /**
     * The kind, as the JSON's {@code kind} says.
     *
     * @return {@link #CAP}, {@link #NODE} or {@link #EXCLUSIVE}
     */
    public abstract String kind();

    /**
     * This limit as the core's JSON.
     *
     * @return the compact JSON object
     */
    public final String toJson() {
        return JsonOut.of(this, LimitedBy::write);
    }

    @Override
    public final boolean equals(Object other) {
        return other instanceof LimitedBy && toJson().equals(((LimitedBy) other).toJson());
    }

    @Override
    public final int hashCode() {
        return toJson().hashCode();
    }

    /**
     * The limit as its JSON.
     *
     * @return {@code LimitedBy{"kind":"cap","cap":"5"}}
     */
    @Override
    public final String toString() {
        return "LimitedBy" + toJson();
    }

    abstract void write(JsonOut out);

    static LimitedBy read(Object value, String path) {
        if (value == null) {
            return null;
        }
        Fields f = Fields.of(value, path, "a limit");
        String kind = f.string("kind");
        LimitedBy limit;
        switch (kind) {
            case CAP:
                limit = new Cap(f.amount("cap"));
                f.done("kind", "cap");
                break;
            case NODE:
                limit = new Node(f.string("id"), f.amount("points"));
                f.done("kind", "id", "points");
                break;
            case EXCLUSIVE:
                limit = new Exclusive(f.string("kept"));
                f.done("kind", "kept");
                break;
            default:
                throw Fields.invalid(Fields.child(path, "kind"),
                        "unknown variant `" + kind + "`, expected one of `cap`, `node`, `exclusive`");
        }
        return limit;
    }

    /** The rule's own cap ("扣完5分为止"). */
    public static final class Cap extends LimitedBy {
        private final BigDecimal cap;

        Cap(BigDecimal cap) {
            this.cap = cap;
        }

        /**
         * The cap.
         *
         * @return the most the rule deducts
         */
        public BigDecimal cap() {
            return cap;
        }

        /** {@inheritDoc} */
        @Override
        public String kind() {
            return CAP;
        }

        @Override
        void write(JsonOut out) {
            out.begin().string("kind", CAP).amount("cap", cap).end();
        }
    }

    /** A node's points: the item, indicator or rubric whose points ran out. */
    public static final class Node extends LimitedBy {
        private final String id;
        private final BigDecimal points;

        Node(String id, BigDecimal points) {
            this.id = id;
            this.points = points;
        }

        /**
         * The node's id (the rubric's id for the whole card).
         *
         * @return the item, indicator or rubric id
         */
        public String id() {
            return id;
        }

        /**
         * The node's points.
         *
         * @return what the node can lose at most
         */
        public BigDecimal points() {
            return points;
        }

        /** {@inheritDoc} */
        @Override
        public String kind() {
            return NODE;
        }

        @Override
        void write(JsonOut out) {
            out.begin().string("kind", NODE).string("id", id).amount("points", points).end();
        }
    }

    /** Another rule of the rule's exclusive group deducted instead ("不重复扣分"). */
    public static final class Exclusive extends LimitedBy {
        private final String kept;

        Exclusive(String kept) {
            this.kept = kept;
        }

        /**
         * The rule that kept its deduction.
         *
         * @return its id
         */
        public String kept() {
            return kept;
        }

        /** {@inheritDoc} */
        @Override
        public String kind() {
            return EXCLUSIVE;
        }

        @Override
        void write(JsonOut out) {
            out.begin().string("kind", EXCLUSIVE).string("kept", kept).end();
        }
    }
}
