/**
 * The assessment-partner SPI: an ATS that orders AI interviews from atsbridge as its assessment partner (Greenhouse's
 * Assessment Partner API, Ashby's assessments integration) speaks one {@link io.atsbridge.connectors.partner.AssessmentPartnerProtocol},
 * implemented in the vendor's own package and registered with its {@link io.atsbridge.connectors.VendorModule}.
 */
package io.atsbridge.connectors.partner;
