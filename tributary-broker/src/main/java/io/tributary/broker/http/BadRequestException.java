package io.tributary.broker.http;

/** A request the admin endpoint refuses with 400 (or the given status), naming the parameter that is wrong. */
public final class BadRequestException extends RuntimeException {

    private final String parameter;
    private final int status;

    public BadRequestException(String parameter, String message) {
        this(400, parameter, message);
    }

    public BadRequestException(int status, String parameter, String message) {
        super(message);
        this.parameter = parameter;
        this.status = status;
    }

    public String parameter() {
        return parameter;
    }

    public int status() {
        return status;
    }

    public static BadRequestException notFound(String parameter, String message) {
        return new BadRequestException(404, parameter, message);
    }
}
