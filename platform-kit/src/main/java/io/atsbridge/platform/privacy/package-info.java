/**
 * Reads of personal data: the fields a contract marks personal reach only the roles its method names, and every
 * answered read by a person or tool is recorded in the tenant's audit log before the answer leaves the service.
 */
package io.atsbridge.platform.privacy;
