package io.atsbridge.platform.privacy;

/**
 * Where answered reads of personal data are recorded: the tenant's audit log. {@link #record} returns only once the
 * record is durably appended; the answer is held until then.
 */
public interface ReadLog {

    /**
     * Appends the read to the tenant's audit log.
     *
     * @throws ReadNotRecordedException when it could not be appended; the read is then not answered
     */
    void record(PersonalDataRead read);

    /** The read could not be recorded, with why, in words an operator can act on (never the data read). */
    final class ReadNotRecordedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public ReadNotRecordedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
