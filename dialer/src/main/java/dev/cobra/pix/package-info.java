/**
 * Pix "copia e cola" payloads (BR Code): generation for an agreement's first installment or full
 * payment, and a parser/validator.
 *
 * <p>Owns the wire format as the Banco Central's "Manual de Padrões para Iniciação do Pix" (BR
 * Code, EMV QRCPS merchant-presented mode) defines it: two-digit ID, two-digit length, value;
 * IDs 00 payload format ("01"), 26 merchant account information (GUI {@code br.gov.bcb.pix},
 * key, optional description), 52 category ("0000"), 53 currency ("986", BRL), 54 amount, 58
 * country ("BR"), 59 merchant name (up to 25), 60 city (up to 15), 62 additional data with the
 * txid (05, up to 25 alphanumerics, {@code ***} when absent) and 63 the CRC16-CCITT-FALSE of
 * everything before it including {@code 6304}.
 *
 * <p>Pure: no I/O. Pix keys (CPF, phone, e-mail) are personal data: exception messages here never
 * contain a key, a name or a whole payload.
 */
package dev.cobra.pix;
