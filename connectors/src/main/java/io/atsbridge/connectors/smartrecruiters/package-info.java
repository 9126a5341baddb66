/** SmartRecruiters: signed notifications and their subscription handshake (vendors.md §5). */
package io.atsbridge.connectors.smartrecruiters;
