/**
 * The access check every atsbridge gRPC service hosts ({@code atsbridge.access.v1.AccessService}):
 * a caller proves that the service accepts its credential and grants the roles it needs.
 */
package io.atsbridge.platform.access;
