package dev.cobra.compliance;

/** The area code tables of the countries we call. */
final class AreaCodes {
    private AreaCodes() {}

    /**
     * Brazil's 67 area codes (DDD, Anatel's Plano Geral de Códigos Nacionais) by state (UF), and
     * the states' IANA zones (Decreto 2.784/1913 as amended by Lei 11.662/2008 and Lei
     * 12.876/2013, which put Acre and western Amazonas back on UTC-5).
     */
    static final AreaCodeTable BRAZIL = new AreaCodeTable("+55", 2)
            .region("SP", "America/Sao_Paulo", "11 12 13 14 15 16 17 18 19")
            .region("RJ", "America/Sao_Paulo", "21 22 24")
            .region("ES", "America/Sao_Paulo", "27 28")
            .region("MG", "America/Sao_Paulo", "31 32 33 34 35 37 38")
            .region("PR", "America/Sao_Paulo", "41 42 43 44 45 46")
            .region("SC", "America/Sao_Paulo", "47 48 49")
            .region("RS", "America/Sao_Paulo", "51 53 54 55")
            .region("DF", "America/Sao_Paulo", "61")
            .region("GO", "America/Sao_Paulo", "62 64")
            .region("TO", "America/Araguaina", "63")
            .region("MT", "America/Cuiaba", "65 66")
            .region("MS", "America/Campo_Grande", "67")
            .region("AC", "America/Rio_Branco", "68")
            .region("RO", "America/Porto_Velho", "69")
            .region("BA", "America/Bahia", "71 73 74 75 77")
            .region("SE", "America/Maceio", "79")
            // Fernando de Noronha (UTC-2) is a district of Pernambuco served by DDD 81.
            .region("PE", "America/Recife America/Noronha", "81 87")
            .code("81", "America/Recife America/Noronha")
            .region("AL", "America/Maceio", "82")
            .region("PB", "America/Fortaleza", "83")
            .region("RN", "America/Fortaleza", "84")
            .region("CE", "America/Fortaleza", "85 88")
            .region("PI", "America/Fortaleza", "86 89")
            // Western Pará (DDD 93) is America/Santarem: UTC-3 like Belém today, separate in tzdb.
            .region("PA", "America/Belem America/Santarem", "91 93 94")
            .code("93", "America/Santarem")
            // Western Amazonas (Eirunepé, DDD 97) is UTC-5 since Lei 12.876/2013.
            .region("AM", "America/Manaus America/Eirunepe", "92 97")
            .code("97", "America/Manaus America/Eirunepe")
            .region("RR", "America/Boa_Vista", "95")
            .region("AP", "America/Belem", "96")
            .region("MA", "America/Fortaleza", "98 99");

    /**
     * US area codes (NANP) by state, and the states' zones. Codes that straddle a zone line list
     * both zones, so only hours legal in both are used (Reg F 12 CFR 1006.6(b)(1)(i) and its official
     * commentary: when the location is unknown, a time is convenient only if it is convenient
     * in every location the consumer may be).
     */
    static final AreaCodeTable NANP = new AreaCodeTable("+1", 3)
            .region("AL", "America/Chicago", "205 251 256 334 659 938")
            .region("AK", "America/Anchorage America/Adak", "907")
            .code("907", "America/Anchorage America/Adak")
            // The Navajo Nation in north-east Arizona keeps DST.
            .region("AZ", "America/Phoenix America/Denver", "480 520 602 623 928")
            .code("928", "America/Phoenix America/Denver")
            .region("AR", "America/Chicago", "327 479 501 870")
            .region("CA", "America/Los_Angeles", "209 213 279 310 323 341 350 369 408 415 424 442 510 530 559 562"
                    + " 619 626 628 650 657 661 669 707 714 747 760 805 818 820 831 840 858 909 916 925 949 951")
            .region("CO", "America/Denver", "303 719 720 970 983")
            .region("CT", "America/New_York", "203 475 860 959")
            .region("DE", "America/New_York", "302")
            .region("DC", "America/New_York", "202 771")
            .region("FL", "America/New_York America/Chicago", "239 305 321 324 352 386 407 448 561 645 656 689"
                    + " 727 728 754 772 786 813 850 863 904 941 954")
            .code("850", "America/Chicago America/New_York")
            .code("448", "America/Chicago America/New_York")
            .region("GA", "America/New_York", "229 404 470 478 678 706 762 770 912 943")
            .region("HI", "Pacific/Honolulu", "808")
            .region("ID", "America/Boise America/Los_Angeles", "208 986")
            .code("208", "America/Boise America/Los_Angeles")
            .code("986", "America/Boise America/Los_Angeles")
            .region("IL", "America/Chicago", "217 224 309 312 331 447 464 618 630 708 730 773 779 815 847 861 872")
            .region("IN", "America/Indiana/Indianapolis America/Chicago", "219 260 317 463 574 765 812 930")
            .code("219", "America/Chicago")
            .code("574", "America/Indiana/Indianapolis America/Chicago")
            .code("812", "America/Indiana/Indianapolis America/Chicago")
            .code("930", "America/Indiana/Indianapolis America/Chicago")
            .region("IA", "America/Chicago", "319 515 563 641 712")
            .region("KS", "America/Chicago America/Denver", "316 620 785 913")
            .code("620", "America/Chicago America/Denver")
            .code("785", "America/Chicago America/Denver")
            .region("KY", "America/New_York America/Chicago", "270 364 502 606 859")
            .code("270", "America/Chicago America/New_York")
            .code("364", "America/Chicago America/New_York")
            .code("606", "America/New_York America/Chicago")
            .region("LA", "America/Chicago", "225 318 337 504 985")
            .region("ME", "America/New_York", "207")
            .region("MD", "America/New_York", "227 240 301 410 443 667")
            .region("MA", "America/New_York", "339 351 413 508 617 774 781 857 978")
            .region("MI", "America/Detroit America/Menominee", "231 248 269 313 517 586 616 679 734 810 906 947 989")
            .code("906", "America/Detroit America/Menominee")
            .region("MN", "America/Chicago", "218 320 507 612 651 763 924 952")
            .region("MS", "America/Chicago", "228 601 662 769")
            .region("MO", "America/Chicago", "314 417 557 573 636 660 816 975")
            .region("MT", "America/Denver", "406")
            .region("NE", "America/Chicago America/Denver", "308 402 531")
            .code("308", "America/Chicago America/Denver")
            .region("NV", "America/Los_Angeles", "702 725 775")
            .region("NH", "America/New_York", "603")
            .region("NJ", "America/New_York", "201 551 609 640 732 848 856 862 908 973")
            .region("NM", "America/Denver", "505 575")
            .region("NY", "America/New_York", "212 315 329 332 347 363 516 518 585 607 624 631 646 680 716 718 838"
                    + " 845 914 917 929 934")
            .region("NC", "America/New_York", "252 336 472 704 743 828 910 919 980 984")
            .region("ND", "America/Chicago America/Denver", "701")
            .code("701", "America/Chicago America/Denver")
            .region("OH", "America/New_York", "216 220 234 283 326 330 380 419 436 440 513 567 614 740 937")
            .region("OK", "America/Chicago", "405 539 572 580 918")
            .region("OR", "America/Los_Angeles America/Boise", "458 503 541 971")
            .code("541", "America/Los_Angeles America/Boise")
            .code("458", "America/Los_Angeles America/Boise")
            .region("PA", "America/New_York", "215 223 267 272 412 445 484 570 582 610 717 724 814 835 878")
            .region("RI", "America/New_York", "401")
            .region("SC", "America/New_York", "803 821 839 843 854 864")
            .region("SD", "America/Chicago America/Denver", "605")
            .code("605", "America/Chicago America/Denver")
            .region("TN", "America/Chicago America/New_York", "423 615 629 731 865 901 931")
            .code("423", "America/New_York")
            .code("865", "America/New_York")
            .code("931", "America/Chicago America/New_York")
            .region("TX", "America/Chicago America/Denver", "210 214 254 281 325 346 361 409 430 432 469 512 682"
                    + " 713 726 737 806 817 830 832 903 915 936 940 945 956 972 979")
            .code("915", "America/Denver")
            .code("432", "America/Chicago America/Denver")
            .region("UT", "America/Denver", "385 435 801")
            .region("VT", "America/New_York", "802")
            .region("VA", "America/New_York", "276 434 540 571 686 703 757 804 826 948")
            .region("WA", "America/Los_Angeles", "206 253 360 425 509 564")
            .region("WV", "America/New_York", "304 681")
            .region("WI", "America/Chicago", "262 274 414 534 608 715 920")
            .region("WY", "America/Denver", "307")
            .region("PR", "America/Puerto_Rico", "787 939")
            .region("VI", "America/St_Thomas", "340")
            .region("GU", "Pacific/Guam", "671")
            .region("MP", "Pacific/Saipan", "670")
            .region("AS", "Pacific/Pago_Pago", "684");

    /** The United Kingdom: one zone (Europe/London), no regional split by area code. */
    static final AreaCodeTable UK = new AreaCodeTable("+44", 0)
            .region("GB", "Europe/London", "");
}
