/** TLS and mutual TLS between the services: the gRPC server's and the peer channels' contexts from PEM files. */
package io.atsbridge.platform.tls;
