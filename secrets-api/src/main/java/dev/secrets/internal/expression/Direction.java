package dev.secrets.internal.expression;

/** Whether a transformation step encodes its operand or decodes it. */
public enum Direction {
    ENCODE,
    DECODE;

    /** Returns the other direction. */
    public Direction inverse() {
        return this == ENCODE ? DECODE : ENCODE;
    }
}
