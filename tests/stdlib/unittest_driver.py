"""Runs one module of CPython's own test suite and records each test's outcome.

    INTERPRETER unittest_driver.py test_grammar RESULTS_FILE

Loads `test.test_grammar` from CPython's Lib (unmodified) the way
`python -m unittest` does, runs it, and appends one line per test to
RESULTS_FILE: `pass`, `fail`, `error`, `skip`, `xfail` or `xpass`, a space,
and the test's id. Each line is flushed as soon as the test ends, so what ran
before a crash is kept. The tests' own output goes to the usual streams.
"""

import sys
import unittest


class RecordingResult(unittest.TextTestResult):
    def __init__(self, record, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.record = record
        self.outcome = None

    def startTest(self, test):
        self.outcome = "pass"
        super().startTest(test)

    def addFailure(self, test, err):
        self.outcome = "fail"
        super().addFailure(test, err)

    def addError(self, test, err):
        if self.outcome is None:
            # setUpClass/setUpModule failed: no test of it ran.
            self.record.write(f"error {test.id()}\n")
            self.record.flush()
        self.outcome = "error"
        super().addError(test, err)

    def addSubTest(self, test, subtest, err):
        if err is not None:
            failed = issubclass(err[0], test.failureException)
            if self.outcome == "pass" or (self.outcome == "fail" and not failed):
                self.outcome = "fail" if failed else "error"
        super().addSubTest(test, subtest, err)

    def addSkip(self, test, reason):
        self.outcome = "skip"
        super().addSkip(test, reason)

    def addExpectedFailure(self, test, err):
        self.outcome = "xfail"
        super().addExpectedFailure(test, err)

    def addUnexpectedSuccess(self, test):
        self.outcome = "xpass"
        super().addUnexpectedSuccess(test)

    def stopTest(self, test):
        super().stopTest(test)
        self.record.write(f"{self.outcome} {test.id()}\n")
        self.record.flush()
        self.outcome = None


def main():
    name, results = sys.argv[1], sys.argv[2]
    suite = unittest.defaultTestLoader.loadTestsFromName(f"test.{name}")
    with open(results, "w", encoding="utf-8") as record:
        runner = unittest.TextTestRunner(
            stream=sys.stderr,
            verbosity=0,
            resultclass=lambda *args, **kwargs: RecordingResult(record, *args, **kwargs),
        )
        runner.run(suite)


if __name__ == "__main__":
    main()
