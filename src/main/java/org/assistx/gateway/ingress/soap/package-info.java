/**
 * The SOAP ingress for township systems that only speak SOAP: the typed verification service
 * ({@code urn:assistx:verification:v2}, code first; {@code docs/wsdl/verification-service.wsdl} is what it
 * serves). Every type here is both a JAXB type (the XML of the contract) and a plain Jackson bean with the
 * field names of the REST JSON, so the endpoint maps XML to the REST command and the REST view back to XML
 * without copying field by field ({@link org.assistx.gateway.ingress.soap.SoapMapping}). Every
 * {@link LocalDate} is read and written as a day and every {@link Instant} as an instant ({@link XmlDates});
 * each such field says {@code @XmlSchemaType} {@code date} or {@code dateTime} (JAXB does not apply a
 * package-level schema type to an adapted type).
 */
@XmlSchema(namespace = VerificationServicePort.NAMESPACE, elementFormDefault = XmlNsForm.QUALIFIED)
@XmlJavaTypeAdapters({
        @XmlJavaTypeAdapter(value = XmlDates.Day.class, type = LocalDate.class),
        @XmlJavaTypeAdapter(value = XmlDates.Moment.class, type = Instant.class)})
package org.assistx.gateway.ingress.soap;

import jakarta.xml.bind.annotation.XmlNsForm;
import jakarta.xml.bind.annotation.XmlSchema;
import jakarta.xml.bind.annotation.adapters.XmlJavaTypeAdapter;
import jakarta.xml.bind.annotation.adapters.XmlJavaTypeAdapters;
import java.time.Instant;
import java.time.LocalDate;
