// Refused: a plain shared library with no Qt plugin metadata at all.

extern "C" int didymos_test_plain_library_answer() {
    return 42;
}
