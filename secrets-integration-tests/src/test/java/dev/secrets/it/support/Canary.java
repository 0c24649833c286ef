package dev.secrets.it.support;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A distinctive random string used as a secret value or a configuration secret, so that a leak
 * test can search every rendering for it. Each canary is new for each test run, so a hit can only
 * come from that run.
 *
 * <p>Besides the text, a canary knows the forms an expression can turn it into (base64, base64url
 * and hex), because a value encoded on its way out is still a leak.
 */
public final class Canary {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Letters and digits without the look-alikes 0, O, I and l. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz123456789";

    private final String label;
    private final String text;

    private Canary(String label, String text) {
        this.label = label;
        this.text = text;
    }

    /** Returns a new canary whose text is {@code cnry-<label>-} and 24 random characters. */
    public static Canary create(String label) {
        StringBuilder text = new StringBuilder("cnry-").append(label).append('-');
        for (int i = 0; i < 24; i++) {
            text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new Canary(label, text.toString());
    }

    public String label() {
        return label;
    }

    public String text() {
        return text;
    }

    public byte[] utf8() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns the text and its encoded forms by name. Base64 forms are compared without padding,
     * so a padded and an unpadded rendering both match.
     */
    public Map<String, String> forms() {
        byte[] bytes = utf8();
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("text", text);
        forms.put("base64", Base64.getEncoder().withoutPadding().encodeToString(bytes));
        forms.put("base64url", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        forms.put("hex", HexFormat.of().formatHex(bytes));
        forms.put("HEX", HexFormat.of().withUpperCase().formatHex(bytes));
        return forms;
    }

    /** Returns the label only, so a failing assertion never prints the canary twice. */
    @Override
    public String toString() {
        return "Canary[" + label + "]";
    }
}
