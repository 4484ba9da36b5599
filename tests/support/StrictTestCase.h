#pragma once
// Base of every Didymos Qt Test class: any Qt warning (and, in VTK tests, any VTK warning or
// error, routed to Qt by imaging::VtkMessageRouter) that the test did not announce with
// QTest::ignoreMessage fails the test function that caused it.
//
// Qt clears QTest::failOnWarning after each test function, so it is re-armed in init().
// Subclasses put per-test set-up in setUp()/tearDown(), not in their own init()/cleanup().

#include <QObject>
#include <QRegularExpression>
#include <QTest>

namespace twin::test {

class StrictTestCase : public QObject {
    Q_OBJECT
protected:
    virtual void setUp() {}
    virtual void tearDown() {}

private slots:
    void init() {
        QTest::failOnWarning(QRegularExpression(QStringLiteral(".")));
        setUp();
    }
    void cleanup() { tearDown(); }
};

}  // namespace twin::test
