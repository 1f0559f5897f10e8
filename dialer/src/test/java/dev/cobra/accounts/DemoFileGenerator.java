package dev.cobra.accounts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates the demo accounts file ({@code sql/demo/accounts-demo.csv}): fictional debtors with
 * valid-format documents, mixed states and DDDs (a few living away from their number's DDD), several
 * phones and debts each, in pt-BR CSV. Seeded, so the committed file can be checked against it.
 *
 * <p>Run {@code main} to rewrite the file after changing the generator.
 */
public final class DemoFileGenerator {
    static final long SEED = 2026_11_24L;
    static final int DEBTORS = 300;

    private static final String[] FIRST = {"Ana", "Bruno", "Carla", "Diego", "Eduarda", "Felipe", "Gabriela", "Heitor",
        "Isabela", "João", "Karina", "Lucas", "Mariana", "Nicolas", "Olívia", "Pedro", "Quitéria", "Rafael", "Sofia",
        "Thiago", "Úrsula", "Vinícius", "Yasmin", "Zeca", "Beatriz", "Caio", "Débora", "Enzo", "Fernanda", "Gustavo",
        "Helena", "Igor", "Júlia", "Leonardo", "Manuela", "Otávio", "Priscila", "Renato", "Sabrina", "Tiago"};
    private static final String[] LAST = {"Almeida", "Barbosa", "Cardoso", "Duarte", "Esteves", "Ferraz", "Gonçalves",
        "Honorato", "Ilha", "Jardim", "Lacerda", "Macedo", "Nogueira", "Oliveira", "Pacheco", "Queiroz", "Rezende",
        "Siqueira", "Teixeira", "Uchôa", "Vasconcelos", "Xavier", "Zanetti", "Moura", "Campos", "Freitas", "Peixoto"};
    private static final String[] COMPANY = {"Comércio de Alimentos", "Transportes", "Materiais de Construção",
        "Serviços Gráficos", "Auto Peças", "Confecções", "Padaria e Confeitaria", "Informática"};
    private static final String[] SEGMENTS = {"cartao", "emprestimo", "telefonia", "varejo"};
    /** UF with its DDDs; weights roughly follow population. */
    private static final Object[][] STATES = {
        {"SP", new int[] {11, 12, 13, 14, 15, 16, 17, 18, 19}, 22}, {"RJ", new int[] {21, 22, 24}, 9},
        {"MG", new int[] {31, 32, 33, 34, 35, 37, 38}, 10}, {"BA", new int[] {71, 73, 74, 75, 77}, 7},
        {"PR", new int[] {41, 42, 43, 44, 45, 46}, 5}, {"RS", new int[] {51, 53, 54, 55}, 5},
        {"PE", new int[] {81, 87}, 5}, {"CE", new int[] {85, 88}, 4}, {"PA", new int[] {91, 93, 94}, 4},
        {"AM", new int[] {92, 97}, 4}, {"MT", new int[] {65, 66}, 3}, {"MS", new int[] {67}, 3},
        {"GO", new int[] {62, 64}, 3}, {"DF", new int[] {61}, 3}, {"AC", new int[] {68}, 2},
        {"RO", new int[] {69}, 2}, {"RR", new int[] {95}, 2}, {"AP", new int[] {96}, 1}, {"TO", new int[] {63}, 1},
        {"SC", new int[] {47, 48, 49}, 3}, {"ES", new int[] {27, 28}, 2}, {"MA", new int[] {98, 99}, 2}};

    private DemoFileGenerator() {}

    public static String generate() {
        return csv(DEBTORS, SEED);
    }

    /** A file of {@code debtors} fictional debtors (about 1.3 debts each), the same for the same seed. */
    public static String csv(int debtors, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        DateTimeFormatter br = DateTimeFormatter.ofPattern("dd/MM/yyyy");
        StringBuilder out = new StringBuilder();
        out.append("debtor_id;name;document;state;time_zone;segment;account_id;principal;interest;fees;currency;due_date;")
                .append("phone1;phone1_type;phone2;phone2_type;phone3;phone3_type\n");
        int totalWeight = 0;
        for (Object[] s : STATES) {
            totalWeight += (Integer) s[2];
        }
        int account = 1;
        for (int i = 1; i <= debtors; i++) {
            Object[] state = pickState(random, totalWeight);
            String uf = (String) state[0];
            int[] ddds = (int[]) state[1];
            boolean company = random.nextInt(10) == 0;
            String name = company
                    ? COMPANY[random.nextInt(COMPANY.length)] + " " + LAST[random.nextInt(LAST.length)] + " Ltda"
                    : FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)] + " " + LAST[random.nextInt(LAST.length)];
            String document = company ? formatCnpj(TaxId.completeCnpj(digits(random, 8) + "0001"))
                    : formatCpf(TaxId.completeCpf(digits(random, 9)));
            String zone = "AM".equals(uf) && random.nextInt(4) == 0 ? "America/Eirunepe" : "";
            String segment = SEGMENTS[random.nextInt(SEGMENTS.length)];
            List<String> phones = new ArrayList<>();
            int phoneCount = 1 + random.nextInt(3);
            for (int p = 0; p < phoneCount; p++) {
                // One debtor in eight has a number from another state (moved, or a work phone).
                int ddd = random.nextInt(8) == 0 ? pickDdd(random, (int[]) pickState(random, totalWeight)[1]) : pickDdd(random, ddds);
                boolean mobile = p == 0 || random.nextInt(3) > 0;
                String number = mobile
                        ? "(" + ddd + ") 9" + digits(random, 4) + "-" + digits(random, 4)
                        : "(" + ddd + ") " + (2 + random.nextInt(4)) + digits(random, 3) + "-" + digits(random, 4);
                phones.add(number + ";" + (mobile ? "celular" : "fixo"));
            }
            int accounts = 1 + (random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0);
            for (int a = 0; a < accounts; a++) {
                BigDecimal principal = BigDecimal.valueOf(50 + random.nextInt(20_000 - 50))
                        .add(BigDecimal.valueOf(random.nextInt(100), 2));
                LocalDate due = LocalDate.of(2026, 5, 1).plusDays(random.nextInt(200));
                long daysLate = Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(due, LocalDate.of(2026, 11, 24)));
                // 2% late fee (CDC art. 52 par. 1) and 1% a month interest, as a typical creditor file carries.
                BigDecimal fees = principal.multiply(new BigDecimal("0.02")).setScale(2, RoundingMode.HALF_EVEN);
                BigDecimal interest = principal.multiply(new BigDecimal("0.01")).multiply(BigDecimal.valueOf(daysLate))
                        .divide(BigDecimal.valueOf(30), 2, RoundingMode.HALF_EVEN);
                out.append(String.format(Locale.ROOT, "D%05d;%s;%s;%s;%s;%s;C%06d;%s;%s;%s;BRL;%s;", i, name, document, uf, zone, segment,
                        account++, brAmount(principal), brAmount(interest), brAmount(fees), br.format(due)));
                for (int p = 0; p < 3; p++) {
                    out.append(p < phones.size() ? phones.get(p) : ";");
                    out.append(p < 2 ? ";" : "");
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static Object[] pickState(SplittableRandom random, int totalWeight) {
        int r = random.nextInt(totalWeight);
        for (Object[] s : STATES) {
            r -= (Integer) s[2];
            if (r < 0) {
                return s;
            }
        }
        throw new IllegalStateException("weights");
    }

    private static int pickDdd(SplittableRandom random, int[] ddds) {
        return ddds[random.nextInt(ddds.length)];
    }

    private static String digits(SplittableRandom random, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    static String brAmount(BigDecimal v) {
        String plain = v.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
        String intPart = plain.substring(0, plain.indexOf('.'));
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < intPart.length(); i++) {
            if (i > 0 && (intPart.length() - i) % 3 == 0) {
                grouped.append('.');
            }
            grouped.append(intPart.charAt(i));
        }
        return grouped + "," + plain.substring(plain.indexOf('.') + 1);
    }

    private static String formatCpf(String d) {
        return d.substring(0, 3) + "." + d.substring(3, 6) + "." + d.substring(6, 9) + "-" + d.substring(9);
    }

    private static String formatCnpj(String d) {
        return d.substring(0, 2) + "." + d.substring(2, 5) + "." + d.substring(5, 8) + "/" + d.substring(8, 12) + "-" + d.substring(12);
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "../sql/demo/accounts-demo.csv");
        Files.writeString(file, generate(), StandardCharsets.UTF_8);
        System.out.println("wrote " + file.toAbsolutePath());
    }
}
