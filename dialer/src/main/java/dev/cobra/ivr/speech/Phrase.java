package dev.cobra.ivr.speech;

import java.util.Locale;

/**
 * The fixed phrases of the shipped collection flow. Each is one prompt file per language,
 * {@code phrase/<kebab-case name>}; its wording lives in {@code ivr-flows/prompts/<lang>/phrases.tsv}
 * (edited by people, not generated from code) and the audio is generated from that file.
 *
 * <p>Phrases are fragments meant to be chained with the speech of {@link Speaker}: e.g.
 * {@link #AMOUNT_TOTAL} then {@code speaker.money(total, BRL)}.
 *
 * <p>The debtor's first name cannot be pre-recorded. The right-party check therefore has two
 * forms: {@link #RIGHT_PARTY_IF_YOU_ARE} + the name spelled letter by letter
 * ({@link Speaker#spell(String)}) + {@link #RIGHT_PARTY_PRESS_1_OR_2}, or the neutral
 * {@link #RIGHT_PARTY_NEUTRAL}, which names nobody. The shipped flow uses the neutral form; the
 * answering-machine message never names the debtor either (see {@link #MACHINE_MESSAGE_START}).
 */
public enum Phrase {
    /** "Olá, aqui é da" / "Hello, this is": followed by {@link #COMPANY_NAME}. */
    COMPANY_GREETING,
    /**
     * The business name, recorded per deployment ({@code COMPANY_NAME} in generate.sh). It is also
     * said on answering machines, so it must not reveal debt collection (Reg F, 12 CFR
     * 1006.2(j)(1)(i); CDC art. 42 and LGPD for third parties in Brazil).
     */
    COMPANY_NAME,
    /** "this call is recorded" (São Paulo state law 14.953/2013 asks for the notice). */
    CALL_RECORDED,
    /** "Se você é" / "If you are": followed by the spelled first name. */
    RIGHT_PARTY_IF_YOU_ARE,
    /** "tecle 1; se não for, tecle 2" / "press 1; if not, press 2". */
    RIGHT_PARTY_PRESS_1_OR_2,
    /** The right-party question without a name: "if you are the person we are calling, press 1...". */
    RIGHT_PARTY_NEUTRAL,
    /** Asks for the first three digits of the CPF (optional second factor of the check). */
    VERIFY_CPF_DIGITS,
    /** "we could not confirm your details": said before hanging up without disclosure. */
    VERIFY_FAILED,
    /** The neutral message for a wrong party: no creditor, no debt, no amount. */
    WRONG_PARTY,
    /** Introduces the itemised amount. */
    AMOUNT_INTRO,
    AMOUNT_PRINCIPAL,
    AMOUNT_INTEREST,
    AMOUNT_FEES,
    AMOUNT_TOTAL,
    /** "com vencimento em" / "due on": followed by a date and then the days overdue. */
    AMOUNT_DUE_DATE,
    MENU_PAY_FULL_DISCOUNT,
    MENU_PAY_FULL,
    MENU_INSTALLMENTS,
    MENU_AGENT,
    MENU_REPEAT,
    /** "à vista, o valor é de" / "to pay in full, the amount is": followed by money. */
    OFFER_FULL_PAYMENT,
    /** "para" / "for": starts "for three installments of X, press 3". */
    OFFER_FOR,
    /** "de" / "of": between the installment count and the amount. */
    OFFER_OF,
    /** "tecle" / "press": followed by the key. */
    OFFER_PRESS,
    /** "entrada de" / "a down payment of": followed by money (see {@link Speaker#plan}). */
    OFFER_DOWN_PAYMENT,
    /** "mais" / "plus": between a down payment and the remaining installments. */
    OFFER_PLUS,
    /** "pagamento à vista de" / "payment in full of": a one-payment plan (see {@link Speaker#plan}). */
    PLAN_FULL_PAYMENT,
    /** "você escolheu" / "you chose": followed by the plan ({@link Speaker#plan}). */
    CONFIRM_YOU_CHOSE,
    /** "to confirm press 1, to go back press 2". */
    CONFIRM_PRESS,
    AGREEMENT_RECORDED,
    /** "o primeiro vencimento é em" / "your first payment is due on": followed by a date. */
    FIRST_DUE_DATE,
    /** "anote o código do seu acordo" / "please write down your agreement code": then digits. */
    PAYMENT_CODE,
    /** "you will receive the Pix copy-and-paste code by message". */
    PIX_SENT,
    TRANSFER_AGENT,
    INVALID_OPTION,
    NO_INPUT,
    GOODBYE,
    /**
     * Start of the limited-content answering-machine message: "hello, this is a message from",
     * then {@link #COMPANY_NAME}, {@link #MACHINE_CALL_BACK}, {@link #CONTACT_PERSON},
     * {@link #MACHINE_AT_NUMBER}, the number as digits and {@link #THANK_YOU}. It names neither
     * the debtor nor the debt (Reg F limited-content message, 12 CFR 1006.2(j); CDC art. 42).
     */
    MACHINE_MESSAGE_START,
    /** "por favor, retorne a ligação e fale com" / "please call us back and ask for". */
    MACHINE_CALL_BACK,
    /** A natural person's name to ask for, recorded per deployment ({@code CONTACT_NAME}). */
    CONTACT_PERSON,
    /** "no número" / "at": followed by digits. */
    MACHINE_AT_NUMBER,
    THANK_YOU;

    /** The prompt name, e.g. {@code phrase/call-recorded}. */
    public String promptName() {
        return "phrase/" + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** This phrase's prompt in a language. */
    public Prompt prompt(SpeechLanguage language) {
        return new Prompt(language, promptName());
    }
}
