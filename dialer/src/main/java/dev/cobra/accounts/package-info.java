/**
 * Debtors, their debts (accounts) and phones as the creditor sends them: CSV reading in pt-BR and
 * ISO formats, CPF/CNPJ and phone validation, E.164 normalisation, and the all-or-nothing parse of
 * an import file into records. Pure: no SQL here (the store writes what this package validated).
 *
 * <p>Personal data (names, documents, phone numbers) never goes to logs; error messages mask it
 * with {@link dev.cobra.accounts.Mask}.
 */
package dev.cobra.accounts;
