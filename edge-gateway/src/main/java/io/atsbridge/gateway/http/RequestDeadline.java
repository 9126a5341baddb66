package io.atsbridge.gateway.http;

import io.atsbridge.gateway.config.GatewaySettings;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A whole request — headers and body — must arrive within {@code atsbridge.gateway.request-deadline} (default
 * 30 s) of its first line, or the connection is closed without an answer. Vendors send a webhook at once; a client
 * that trickles a request a byte at a time (slowloris) never goes idle long enough for the idle timeout, and
 * Micronaut has no deadline of its own for reading a request. Nothing is lost: nothing was stored, and a real
 * sender retries.
 */
@Singleton
final class RequestDeadline implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private final Duration deadline;

    RequestDeadline(GatewaySettings settings) {
        Duration deadline = settings.requestDeadline();
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("atsbridge.gateway.request-deadline: " + deadline + " (expected: > 0)");
        }
        this.deadline = deadline;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null, deadline));
        return event.getBean();
    }

    /** Adds the deadline handler behind the HTTP/1.1 codec of each connection. */
    private record Customizer(@Nullable Channel channel, Duration deadline) implements NettyServerCustomizer {

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return new Customizer(channel, deadline);
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel != null && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                    && channel.pipeline().get(Handler.NAME) == null) {
                channel.pipeline().addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, Handler.NAME,
                        new Handler(deadline.toMillis()));
            }
        }
    }

    /** Starts the clock at a request's head, stops it at its last content; closes the connection when it runs out. */
    private static final class Handler extends ChannelInboundHandlerAdapter {

        static final String NAME = "atsbridge-request-deadline";

        private final long deadlineMillis;
        @Nullable
        private ScheduledFuture<?> timer;

        Handler(long deadlineMillis) {
            this.deadlineMillis = deadlineMillis;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof HttpRequest && timer == null) {
                timer = ctx.executor().schedule(() -> {
                    ctx.close();
                }, deadlineMillis, TimeUnit.MILLISECONDS);
            }
            if (message instanceof LastHttpContent) {
                stop();
            }
            ctx.fireChannelRead(message);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            stop();
            ctx.fireChannelInactive();
        }

        private void stop() {
            ScheduledFuture<?> running = timer;
            if (running != null) {
                running.cancel(false);
                timer = null;
            }
        }
    }
}
