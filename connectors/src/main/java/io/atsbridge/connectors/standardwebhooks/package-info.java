/** Standard Webhooks v1 (standardwebhooks.com): the generic signed-webhook scheme AI vendors and custom sources use. */
package io.atsbridge.connectors.standardwebhooks;
