package dev.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretCensorTest {

    @Test
    void replacesEveryOccurrence() {
        SecretCensor censor = SecretCensor.of(List.of(SecretValue.ofUtf8("hunter2")));

        assertEquals("login with *** failed, *** rejected", censor.censor("login with hunter2 failed, hunter2 rejected"));
    }

    @Test
    void valueContainingAnotherIsCensoredWhole() {
        SecretCensor censor = SecretCensor.of(List.of(SecretValue.ofUtf8("tok"), SecretValue.ofUtf8("Bearer tok")));

        assertEquals("header ***, value ***", censor.censor("header Bearer tok, value tok"));
    }

    @Test
    void emptyValueIsSkipped() {
        SecretCensor censor = SecretCensor.of(List.of(SecretValue.ofUtf8(""), SecretValue.ofUtf8("x")));

        assertEquals(1, censor.size());
        assertEquals("a*** b", censor.censor("ax b"));
    }

    @Test
    void nonUtf8ValueIsSkipped() {
        SecretCensor censor = SecretCensor.of(List.of(SecretValue.of(new byte[] {(byte) 0xff, 'a'})));

        assertEquals(0, censor.size());
        assertEquals("a", censor.censor("a"));
    }

    @Test
    void onlyExactValuesAreCaught() {
        SecretCensor censor = SecretCensor.of(List.of(SecretValue.ofUtf8("hunter2")));

        assertEquals("HUNTER2 hunter hunter\n2", censor.censor("HUNTER2 hunter hunter\n2"));
    }

    @Test
    void duplicateValuesCountOnce() {
        SecretCensor censor = SecretCensor.of(List.of(SecretValue.ofUtf8("ä"), SecretValue.of("ä".getBytes(StandardCharsets.UTF_8))));

        assertEquals(1, censor.size());
        assertEquals("***", censor.censor("ä"));
    }

    @Test
    void closedCensorRejectsMessages() {
        SecretCensor censor = SecretCensor.of(List.of(SecretValue.ofUtf8("hunter2")));

        censor.close();

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> censor.censor("hunter2"));
        assertEquals("The censor was closed and its values were wiped; it can no longer censor messages. "
                + "Censor before closing the resolved secrets.", failure.getMessage());
    }

    @Test
    void closingSourceValueKeepsCensor() {
        SecretValue value = SecretValue.ofUtf8("hunter2");
        SecretCensor censor = SecretCensor.of(List.of(value));

        value.close();

        assertEquals("***", censor.censor("hunter2"));
    }

    @Test
    void toStringShowsCountOnly() {
        SecretCensor censor = SecretCensor.of(List.of(SecretValue.ofUtf8("hunter2"), SecretValue.ofUtf8("geheim")));

        assertEquals("SecretCensor[2 values]", censor.toString());
    }
}
