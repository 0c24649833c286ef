package dev.secrets.internal.expression;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Base58 with the Bitcoin alphabet, which leaves out {@code 0}, {@code O}, {@code I} and
 * {@code l}. Each leading zero byte becomes a leading {@code 1}, and the remaining bytes are
 * written as one big-endian number in base 58.
 *
 * <p>Both directions convert between bases in limbs of five base-58 digits or four bytes, which
 * does about a twentieth of the inner steps of digit-by-digit conversion. The work is still
 * quadratic in the length, which is acceptable for values up to the 64 KiB that stores accept.
 * Every working array is zeroed before it is released.
 */
final class Base58Codec {

    private static final byte[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
            .getBytes(StandardCharsets.US_ASCII);

    /** 58^5, the largest power of 58 that fits an int: the base of the limbs while encoding. */
    private static final int DIGITS_PER_LIMB = 5;
    private static final long LIMB_BASE = 58L * 58 * 58 * 58 * 58;

    private static final int[] DIGIT_VALUES = new int[128];

    static {
        Arrays.fill(DIGIT_VALUES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            DIGIT_VALUES[ALPHABET[i]] = i;
        }
    }

    private Base58Codec() {
    }

    static byte[] encode(byte[] input) {
        int zeros = 0;
        while (zeros < input.length && input[zeros] == 0) {
            zeros++;
        }
        // Each byte needs log(256)/log(58) < 1.37 digits, and the spare limbs cover rounding.
        int[] limbs = new int[(int) ((input.length - zeros) * 1.37 / DIGITS_PER_LIMB) + 2];
        int used = 0;
        int position = zeros;
        while (position < input.length) {
            int groupLength = (input.length - position) % 4 == 0 ? 4 : (input.length - position) % 4;
            long multiplier = 1L << (8 * groupLength);
            long carry = 0;
            for (int i = 0; i < groupLength; i++) {
                carry = (carry << 8) | (input[position + i] & 0xff);
            }
            position += groupLength;
            for (int j = 0; j < used; j++) {
                long x = limbs[j] * multiplier + carry;
                limbs[j] = (int) (x % LIMB_BASE);
                carry = x / LIMB_BASE;
            }
            while (carry > 0) {
                limbs[used++] = (int) (carry % LIMB_BASE);
                carry /= LIMB_BASE;
            }
        }
        byte[] output = toDigits(limbs, used, zeros);
        Arrays.fill(limbs, 0);
        return output;
    }

    /** Writes {@code zeros} ones and then the number in {@code limbs}, most significant digit first. */
    private static byte[] toDigits(int[] limbs, int used, int zeros) {
        int topDigits = 0;
        if (used > 0) {
            for (long top = limbs[used - 1]; top > 0; top /= 58) {
                topDigits++;
            }
        }
        int length = zeros + (used == 0 ? 0 : topDigits + (used - 1) * DIGITS_PER_LIMB);
        byte[] output = new byte[length];
        Arrays.fill(output, 0, zeros, ALPHABET[0]);
        int end = length;
        for (int j = 0; j < used; j++) {
            int digits = j == used - 1 ? topDigits : DIGITS_PER_LIMB;
            int limb = limbs[j];
            for (int k = 0; k < digits; k++) {
                output[--end] = ALPHABET[limb % 58];
                limb /= 58;
            }
        }
        return output;
    }

    static byte[] decode(byte[] input) throws MalformedEncodingException {
        for (int i = 0; i < input.length; i++) {
            if (input[i] < 0 || DIGIT_VALUES[input[i]] < 0) {
                throw new MalformedEncodingException("the character at offset " + i + " is not in the base58 alphabet"
                        + " (Bitcoin), which has no 0, O, I or l");
            }
        }
        int zeros = 0;
        while (zeros < input.length && input[zeros] == ALPHABET[0]) {
            zeros++;
        }
        // Each digit carries log(58)/log(2) < 5.86 bits, and the spare limbs cover rounding.
        int[] limbs = new int[(int) ((input.length - zeros) * 5.86 / 32) + 2];
        int used = 0;
        int position = zeros;
        while (position < input.length) {
            int remaining = input.length - position;
            int groupLength = remaining % DIGITS_PER_LIMB == 0 ? DIGITS_PER_LIMB : remaining % DIGITS_PER_LIMB;
            long multiplier = 1;
            long carry = 0;
            for (int i = 0; i < groupLength; i++) {
                multiplier *= 58;
                carry = carry * 58 + DIGIT_VALUES[input[position + i]];
            }
            position += groupLength;
            for (int j = 0; j < used; j++) {
                long x = (limbs[j] & 0xffffffffL) * multiplier + carry;
                limbs[j] = (int) x;
                carry = x >>> 32;
            }
            while (carry > 0) {
                limbs[used++] = (int) carry;
                carry >>>= 32;
            }
        }
        byte[] output = toBytes(limbs, used, zeros);
        Arrays.fill(limbs, 0);
        return output;
    }

    /** Writes {@code zeros} zero bytes and then the number in {@code limbs} without leading zeros. */
    private static byte[] toBytes(int[] limbs, int used, int zeros) {
        int topBytes = 0;
        if (used > 0) {
            for (long top = limbs[used - 1] & 0xffffffffL; top > 0; top >>>= 8) {
                topBytes++;
            }
        }
        int length = zeros + (used == 0 ? 0 : topBytes + (used - 1) * 4);
        byte[] output = new byte[length];
        int end = length;
        for (int j = 0; j < used; j++) {
            int bytes = j == used - 1 ? topBytes : 4;
            int limb = limbs[j];
            for (int k = 0; k < bytes; k++) {
                output[--end] = (byte) limb;
                limb >>>= 8;
            }
        }
        return output;
    }
}
