package io.atsbridge.cli;

import io.atsbridge.cli.audit.AuditCommand;
import io.atsbridge.cli.audit.BiasCommand;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The atsbridge command line for people: {@code atsbridge audit query | timeline | export | verify | head} and {@code atsbridge bias report | render | record-audit | latest-audit}. Exit codes
 * a script can use: {@value #OK} done, {@value #VERIFICATION_FAILED} verification failed, {@value #USAGE} a usage
 * error (an option, or a request the service refused as malformed), {@value #UNAVAILABLE} the service is unreachable
 * or refused the caller (no or wrong token, missing role, another tenant) or cannot answer now.
 */
@Command(name = "atsbridge", mixinStandardHelpOptions = true, version = "atsbridge cli 0.1.0",
        description = "Talks to an atsbridge platform's gRPC APIs with your credentials.",
        subcommands = {AuditCommand.class, BiasCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:verification failed", "2:usage error or a request the service refused as malformed",
                "3:service unavailable, or the caller not authenticated or not permitted"})
public final class Atsbridge {

    public static final int OK = 0;
    public static final int VERIFICATION_FAILED = 1;
    public static final int USAGE = 2;
    public static final int UNAVAILABLE = 3;

    /** The command line, ready to execute, writing its errors in sentences rather than stack traces. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Atsbridge());
        line.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("atsbridge: " + message(e));
            return exitCode(e);
        });
        return line;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static int exitCode(Exception e) {
        if (e instanceof StatusRuntimeException status) {
            return switch (status.getStatus().getCode()) {
                case INVALID_ARGUMENT, NOT_FOUND, OUT_OF_RANGE -> USAGE;
                default -> UNAVAILABLE;
            };
        }
        if (e instanceof IllegalArgumentException) {
            return USAGE;
        }
        return UNAVAILABLE;
    }

    static String message(Exception e) {
        if (e instanceof StatusRuntimeException status) {
            Status answer = status.getStatus();
            return "the service answered " + answer.getCode() + ": " + answer.getDescription();
        }
        if (e instanceof UncheckedIOException || e instanceof IOException) {
            return "cannot read or write a file: " + e.getMessage();
        }
        return String.valueOf(e.getMessage());
    }
}
