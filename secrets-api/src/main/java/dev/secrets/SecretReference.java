package dev.secrets;

import java.util.Objects;
import java.util.Optional;

/**
 * A request for a secret: a secret name, optionally a field of the JSON object stored under that
 * name, and optionally a version.
 *
 * <p>The text form is {@code name} or {@code name:field}. Because {@code :} is not allowed in a
 * name, the first {@code :} always ends the name, and everything after it is the field, which may
 * itself contain {@code :}. {@code database:password} selects field {@code password} of the JSON
 * object stored under {@code database}.
 *
 * <p>A version is set only through {@link #withVersionStage(String)} or
 * {@link #withVersionId(String)}, never parsed from text, so a reference string cannot
 * accidentally select a version. Stores without versions reject references that carry one.
 *
 * <p>Instances are immutable, thread-safe and compared by all their parts, so they work as cache
 * keys.
 */
public final class SecretReference {

    private final SecretName name;
    private final String field;
    private final String versionStage;
    private final String versionId;

    private SecretReference(SecretName name, String field, String versionStage, String versionId) {
        this.name = name;
        this.field = field;
        this.versionStage = versionStage;
        this.versionId = versionId;
    }

    /**
     * Parses {@code name} or {@code name:field}.
     *
     * <pre>{@code
     * SecretReference ref = SecretReference.parse("database:password");
     * }</pre>
     *
     * @throws InvalidSecretNameException if the name part is invalid, or a {@code :} is followed by
     *     an empty field
     */
    public static SecretReference parse(String reference) {
        Objects.requireNonNull(reference, "reference");
        int colon = reference.indexOf(':');
        if (colon < 0) {
            return new SecretReference(SecretName.of(reference), null, null, null);
        }
        SecretName name = SecretName.of(reference.substring(0, colon));
        String field = reference.substring(colon + 1);
        if (field.isEmpty()) {
            throw new InvalidSecretNameException(reference, "Invalid secret reference " + SecretName.preview(reference)
                    + ": the JSON field after ':' is empty. Write 'name:field', or leave out the ':'.");
        }
        return new SecretReference(name, field, null, null);
    }

    /** Returns a reference to the whole value stored under {@code name}. */
    public static SecretReference of(SecretName name) {
        return new SecretReference(Objects.requireNonNull(name, "name"), null, null, null);
    }

    /** Returns a reference to field {@code field} of the JSON object stored under {@code name}. */
    public static SecretReference of(SecretName name, String field) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(field, "field");
        if (field.isEmpty()) {
            throw new IllegalArgumentException("field must not be empty; use of(name) for the whole value");
        }
        return new SecretReference(name, field, null, null);
    }

    /**
     * Returns a copy that selects the version with staging label {@code stage}, such as
     * {@code AWSPREVIOUS}. Clears any version id.
     */
    public SecretReference withVersionStage(String stage) {
        Objects.requireNonNull(stage, "stage");
        if (stage.isBlank()) {
            throw new IllegalArgumentException("version stage must not be blank");
        }
        return new SecretReference(name, field, stage, null);
    }

    /** Returns a copy that selects the version with id {@code id}. Clears any version stage. */
    public SecretReference withVersionId(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("version id must not be blank");
        }
        return new SecretReference(name, field, null, id);
    }

    /** Returns a copy that names the same secret and version but selects no JSON field. */
    public SecretReference withoutField() {
        return field == null ? this : new SecretReference(name, null, versionStage, versionId);
    }

    /** Returns a copy with the same field and version but another name. */
    public SecretReference withName(SecretName otherName) {
        return new SecretReference(Objects.requireNonNull(otherName, "otherName"), field, versionStage, versionId);
    }

    public SecretName name() {
        return name;
    }

    /** Returns the selected JSON field, if any. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    public Optional<String> versionStage() {
        return Optional.ofNullable(versionStage);
    }

    public Optional<String> versionId() {
        return Optional.ofNullable(versionId);
    }

    /** Returns whether this reference selects a version by stage or id. */
    public boolean hasVersion() {
        return versionStage != null || versionId != null;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof SecretReference)) {
            return false;
        }
        SecretReference that = (SecretReference) other;
        return name.equals(that.name) && Objects.equals(field, that.field)
                && Objects.equals(versionStage, that.versionStage) && Objects.equals(versionId, that.versionId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, field, versionStage, versionId);
    }

    /**
     * Returns the text form, {@code name} or {@code name:field}, followed by
     * {@code [stage=...]} or {@code [version=...]} when a version is selected. References are
     * not secret.
     */
    @Override
    public String toString() {
        String text = field == null ? name.value() : name.value() + ":" + field;
        if (versionStage != null) {
            return text + "[stage=" + versionStage + "]";
        }
        return versionId == null ? text : text + "[version=" + versionId + "]";
    }
}
