// Parameter panels generated from model.json, as a model developer and a clinician meet them:
// the Twin dock lists every built-in plugin the loader accepted; each model's panel has one
// row per declared parameter, bounded and stepped as declared (an integer box for integer
// parameters), its reference in the tooltip; an edit emits the new value; a value outside a
// validity range (not the hard bounds) is accepted and flagged with the model's message; the
// reset button restores the default; a refused plugin is listed with its reason.

#include "TestMain.h"

#include "twin/simulation/PluginLoader.h"
#include "twin/ui/ModelParameterPanel.h"
#include "twin/ui/TwinModelsPanel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QToolButton>

using namespace twin;

class TestModelParameterPanel : public test::StrictTestCase {
    Q_OBJECT
private slots:
    void everyBuiltInModelIsListed();
    void rowsFollowTheMetadata();
    void editsEmitAndValidityIsFlagged();
    void refusedPluginsAreListedWithTheirReason();
};

void TestModelParameterPanel::everyBuiltInModelIsListed() {
    const simulation::PluginLoadResult plugins = simulation::PluginLoader::load();
    ui::TwinModelsPanel panel(plugins);
    QStringList ids;
    for (int i = 0; i < panel.modelList()->count(); ++i) ids << panel.modelList()->itemData(i).toString();
    for (const QString &id : {"pk", "friberg", "tumour", "ntcp_lkb", "glucose_insulin"})
        QVERIFY2(ids.contains(id), qPrintable(ids.join(QLatin1Char(','))));
    QVERIFY2(plugins.refused.isEmpty(), qPrintable(plugins.refused.value(0).reason));
    QVERIFY(panel.refusedLabel()->isHidden());
    panel.resize(420, 760);
    panel.modelList()->setCurrentIndex(static_cast<int>(ids.indexOf(QStringLiteral("friberg"))));
    panel.parameterPanel(QStringLiteral("friberg"))->setValue(QStringLiteral("circ0"), 1.2);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const QString shot = test::scratchDir(QStringLiteral("gui-model-parameters")) + QStringLiteral("/friberg-parameters.png");
    QVERIFY(panel.grab().save(shot));
    qInfo("screenshot: %s", qPrintable(shot));
}

void TestModelParameterPanel::rowsFollowTheMetadata() {
    const simulation::PluginLoadResult plugins = simulation::PluginLoader::load();
    for (const simulation::LoadedModel &model : plugins.models) {
        ui::ModelParameterPanel panel(model.metadata);
        for (const simulation::ParameterSpec &p : model.metadata->parameters()) {
            QAbstractSpinBox *editor = panel.editor(p.id);
            QVERIFY2(editor, qPrintable(model.metadata->id() + QLatin1Char('.') + p.id));
            QCOMPARE(panel.value(p.id), p.kind == simulation::ParameterKind::Integer ? std::round(p.defaultValue) : p.defaultValue);
            if (p.kind == simulation::ParameterKind::Integer) {
                auto *box = qobject_cast<QSpinBox *>(editor);
                QVERIFY(box);
                QCOMPARE(box->minimum(), int(std::ceil(p.min)));
                QCOMPARE(box->maximum(), int(std::floor(p.max)));
            } else {
                auto *box = qobject_cast<QDoubleSpinBox *>(editor);
                QVERIFY(box);
                QCOMPARE(box->minimum(), p.min);
                QCOMPARE(box->maximum(), p.max);
                if (p.step > 0.0) QCOMPARE(box->singleStep(), p.step);
            }
            if (!p.reference.isEmpty())
                QVERIFY2(editor->toolTip().contains(p.reference.left(20).toHtmlEscaped()), qPrintable(p.id));
        }
    }
    // pk's compartment count is declared an integer.
    ui::ModelParameterPanel pk(plugins.find(QStringLiteral("pk"))->metadata);
    QVERIFY(qobject_cast<QSpinBox *>(pk.editor(QStringLiteral("compartments"))));
}

void TestModelParameterPanel::editsEmitAndValidityIsFlagged() {
    const simulation::PluginLoadResult plugins = simulation::PluginLoader::load();
    const simulation::LoadedModel *friberg = plugins.find(QStringLiteral("friberg"));
    QVERIFY(friberg);
    ui::ModelParameterPanel panel(friberg->metadata);
    panel.show();
    QSignalSpy changed(&panel, &ui::ModelParameterPanel::parameterChanged);
    // Friberg's baseline ANC is validated for 1.5–7.5 ×10⁹/L; the parameter itself allows 0.5–20.
    double validMin = 0.0;
    for (const simulation::ValiditySpec &rule : friberg->metadata->validity())
        if (rule.subject == QLatin1String("parameter:circ0")) validMin = rule.min;
    QVERIFY(validMin > 0.5);
    QVERIFY(panel.validityNote(QStringLiteral("circ0")).isEmpty());
    QVERIFY(panel.setValue(QStringLiteral("circ0"), validMin - 0.5));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.last().at(0).toString(), QStringLiteral("friberg"));
    QCOMPARE(changed.last().at(1).toString(), QStringLiteral("circ0"));
    QCOMPARE(changed.last().at(2).toDouble(), validMin - 0.5);
    QVERIFY2(panel.validityNote(QStringLiteral("circ0")).contains(QStringLiteral("outside the validated range")),
             qPrintable(panel.validityNote(QStringLiteral("circ0"))));
    // Typed beyond the hard bound: the box holds the bound.
    auto *box = qobject_cast<QDoubleSpinBox *>(panel.editor(QStringLiteral("circ0")));
    box->clear();
    QTest::keyClicks(box, QStringLiteral("99"));
    QTest::keyClick(box, Qt::Key_Enter);
    QVERIFY(panel.value(QStringLiteral("circ0")) <= box->maximum());
    // The reset button beside the box restores the default and clears the note.
    QToolButton *reset = box->parentWidget()->findChild<QToolButton *>();
    QVERIFY(reset);
    reset->click();
    const int index = friberg->metadata->parameterIndex(QStringLiteral("circ0"));
    QCOMPARE(panel.value(QStringLiteral("circ0")), friberg->metadata->parameters()[std::size_t(index)].defaultValue);
    QVERIFY(panel.validityNote(QStringLiteral("circ0")).isEmpty());
    QVERIFY(!panel.setValue(QStringLiteral("no_such_parameter"), 1.0));
}

void TestModelParameterPanel::refusedPluginsAreListedWithTheirReason() {
    const QString folder = qEnvironmentVariable("DIDYMOS_BINARY_DIR") + QStringLiteral("/tests/plugins/api_major2");
    const simulation::PluginLoadResult plugins =
        simulation::PluginLoader::load({folder}, simulation::PluginLoader::DefaultFolders::Skip);
    QCOMPARE(plugins.refused.size(), 1);
    ui::TwinModelsPanel panel(plugins);
    QVERIFY(!panel.refusedLabel()->isHidden());
    QVERIFY2(panel.refusedLabel()->text().contains(plugins.refused.first().reason), qPrintable(panel.refusedLabel()->text()));
    QCOMPARE(panel.modelList()->count(), 0);
}

DIDYMOS_GUI_TEST_MAIN(TestModelParameterPanel)
#include "TestModelParameterPanel.moc"
