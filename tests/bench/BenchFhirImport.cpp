// Benchmark: FHIR R4 import of one patient's large collection Bundle (~50 MiB and ~500 MiB).
//   ours: FhirRecordReader::readFile — read, parse, register every resource, resolve and map;
//   peer: reading the same file and QJsonDocument::fromJson of its bytes — the floor that any
//         importer built on Qt JSON pays before it looks at a single resource (our reader
//         parses with it too), so ours/peer is what mapping and reference resolution cost on top.
// Inputs are generated here, in a temporary directory: the entries of the largest real Synthea
// bundle of the shared data (fhir/synthea-fhir-r4-bundles, from $DIDYMOS_TEST_DATA,
// $DIDYMOS_TEST_DATA_DEFAULT or ../shared/data) are kept with one Patient, and all others are
// replicated with fresh urn:uuid fullUrls/ids, rewritten consistently inside each replica so that
// every reference still resolves; the 500 MiB file holds exactly 10x the replicas of the 50 MiB
// one. Compact JSON (more resources per MiB than Synthea's indented output). Without the data,
// synthetic entries (Encounter, Observation with valueQuantity, Condition, MedicationRequest,
// Procedure) stand in, and the output says so.
// Goals (issue): 50 MiB in < 2 s; t(500 MiB) / t(50 MiB) < 12 (no quadratic behaviour). The
// imported record is checked (counts per resource type, observations, no per-entry warnings),
// so a broken import cannot pass. Exit 1 when a goal or a check fails.
// Run: ctest -L bench -R BenchFhirImport -V, or build/tests/BenchFhirImport [runs50] [runs500].

#include "twin/ehr/FhirRecordReader.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <optional>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

using namespace twin;

namespace {

constexpr qint64 kMiB = 1024 * 1024;

struct Timing {
    double median = 0, min = 0, max = 0;
    double cpuMedian = 0;  // this thread's CPU time (user + system): less sensitive to a busy machine
};

double threadCpuMs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/// Every timed run starts from the same heap: what earlier runs freed goes back to the system
/// (malloc_trim), so each run pays for the memory it touches as an import in a fresh process
/// does. Without this, repeated 50 MiB runs reuse pages already faulted in while a 500 MiB run
/// cannot, and t(500)/t(50) would measure the allocator rather than the importer.
void releaseFreedMemory() {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

Timing measure(int runs, bool warmUp, const std::function<void()> &run) {
    if (warmUp) run();
    std::vector<double> ms, cpu;
    for (int i = 0; i < runs; ++i) {
        releaseFreedMemory();
        QElapsedTimer timer;
        const double cpuStart = threadCpuMs();
        timer.start();
        run();
        ms.push_back(timer.nsecsElapsed() / 1e6);
        cpu.push_back(threadCpuMs() - cpuStart);
    }
    std::sort(ms.begin(), ms.end());
    std::sort(cpu.begin(), cpu.end());
    return {ms[ms.size() / 2], ms.front(), ms.back(), cpu[cpu.size() / 2]};
}

/// Resets the peak resident set size (Linux: clear_refs 5); false when not possible.
bool resetPeakRss() {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
    QFile file(QStringLiteral("/proc/self/clear_refs"));
    return file.open(QIODevice::WriteOnly) && file.write("5") == 1;
}

/// VmHWM in MiB, or -1.
double peakRssMiB() {
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly)) return -1;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

/// One entry of a replica: its compact JSON and where the urn:uuids of replicated resources
/// start in it (their first 8 hex digits become the replica number).
struct EntryTemplate {
    QByteArray json;
    QList<qsizetype> uuidAt;
};

struct Source {
    QString description;
    QByteArray patientEntry;
    QList<EntryTemplate> entries;
    QMap<QString, int> typesPerReplica;  // resource type → entries per replica
    qint64 replicaBytes = 0;
};

bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

bool looksLikeUuid(const char *p) {
    for (int i = 0; i < 36; ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? p[i] != '-' : !isHex(p[i])) return false;
    }
    return true;
}

QString uuidOf(const QJsonObject &entry) {
    const QString fullUrl = entry.value(QLatin1String("fullUrl")).toString();
    return fullUrl.startsWith(QLatin1String("urn:uuid:")) ? fullUrl.mid(9).toLower()
                                                          : entry.value(QLatin1String("resource")).toObject().value(QLatin1String("id")).toString();
}

/// Templates from a Bundle's entries: the first Patient stays, every other entry is replicated.
std::optional<Source> makeSource(const QJsonArray &bundleEntries, const QString &description) {
    Source source;
    source.description = description;
    QSet<QByteArray> replicated;
    QList<QJsonObject> others;
    for (const QJsonValue &value : bundleEntries) {
        const QJsonObject in = value.toObject();
        QJsonObject entry;  // a collection entry: fullUrl and resource, no request
        entry.insert(QLatin1String("fullUrl"), in.value(QLatin1String("fullUrl")));
        entry.insert(QLatin1String("resource"), in.value(QLatin1String("resource")));
        const QString type = entry.value(QLatin1String("resource")).toObject().value(QLatin1String("resourceType")).toString();
        if (type == QLatin1String("Patient")) {
            if (source.patientEntry.isEmpty()) source.patientEntry = QJsonDocument(entry).toJson(QJsonDocument::Compact);
            continue;
        }
        const QByteArray uuid = uuidOf(entry).toLatin1();
        if (uuid.size() != 36 || !looksLikeUuid(uuid.constData())) {
            std::fprintf(stderr, "BenchFhirImport: entry without a urn:uuid fullUrl, left out\n");
            continue;
        }
        replicated.insert(uuid);
        others.append(entry);
        ++source.typesPerReplica[type];
    }
    if (source.patientEntry.isEmpty() || others.isEmpty()) return std::nullopt;
    for (const QJsonObject &entry : others) {
        EntryTemplate t;
        t.json = QJsonDocument(entry).toJson(QJsonDocument::Compact);
        for (qsizetype i = 0; i + 36 <= t.json.size(); ++i) {
            if (t.json.at(i + 8) == '-' && looksLikeUuid(t.json.constData() + i) &&
                replicated.contains(QByteArray::fromRawData(t.json.constData() + i, 36))) {
                t.uuidAt.append(i);
                i += 35;
            }
        }
        source.replicaBytes += t.json.size() + 1;
        source.entries.append(std::move(t));
    }
    return source;
}

QString sharedDataRoot() {
    for (const char *variable : {"DIDYMOS_TEST_DATA", "DIDYMOS_TEST_DATA_DEFAULT"}) {
        const QString path = qEnvironmentVariable(variable);
        if (!path.isEmpty() && QFileInfo(path).isDir()) return QDir(path).absolutePath();
    }
    const QString fallback = QStringLiteral(DIDYMOS_TEST_DATA_FALLBACK);
    return QFileInfo(fallback).isDir() ? QDir(fallback).absolutePath() : QString();
}

std::optional<Source> syntheaSource() {
    const QString root = sharedDataRoot();
    if (root.isEmpty()) return std::nullopt;
    const QDir dir(root + QStringLiteral("/fhir/synthea-fhir-r4-bundles"));
    const QFileInfoList files = dir.entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Size);
    if (files.isEmpty()) return std::nullopt;
    QFile file(files.first().absoluteFilePath());  // the largest
    if (!file.open(QIODevice::ReadOnly)) return std::nullopt;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll());
    return makeSource(document.object().value(QLatin1String("entry")).toArray(),
                      QStringLiteral("Synthea bundle %1").arg(files.first().fileName()));
}

/// Without the shared data: one replica is an Encounter with 20 Observations, 2 Conditions,
/// 3 MedicationRequests and 2 Procedures, all of the one Patient.
Source syntheticSource() {
    int serial = 0;
    auto uuid = [&serial] { return QStringLiteral("%1-0000-4000-8000-%2").arg(0, 8, 16, QLatin1Char('0')).arg(++serial, 12, 16, QLatin1Char('0')); };
    auto coding = [](const char *system, const char *code, const char *display) {
        return QJsonObject{{QStringLiteral("coding"), QJsonArray{QJsonObject{{QStringLiteral("system"), QLatin1String(system)},
                                                                             {QStringLiteral("code"), QLatin1String(code)},
                                                                             {QStringLiteral("display"), QLatin1String(display)}}}},
                           {QStringLiteral("text"), QLatin1String(display)}};
    };
    auto entry = [](const QString &id, QJsonObject resource) {
        resource.insert(QStringLiteral("id"), id);
        return QJsonObject{{QStringLiteral("fullUrl"), QStringLiteral("urn:uuid:") + id}, {QStringLiteral("resource"), resource}};
    };
    const QString patientId = QStringLiteral("5a1e0000-0000-4000-8000-000000000001");
    const QJsonObject subject{{QStringLiteral("reference"), QStringLiteral("urn:uuid:") + patientId}};
    QJsonArray entries;
    entries.append(entry(patientId, QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Patient")},
                                                {QStringLiteral("gender"), QStringLiteral("female")},
                                                {QStringLiteral("birthDate"), QStringLiteral("1961-04-12")},
                                                {QStringLiteral("name"), QJsonArray{QJsonObject{{QStringLiteral("family"), QStringLiteral("Bench")},
                                                                                                {QStringLiteral("given"), QJsonArray{QStringLiteral("Fhir")}}}}}}));
    const QString encounterId = uuid();
    const QJsonObject period{{QStringLiteral("start"), QStringLiteral("2020-03-04T09:00:00+01:00")},
                             {QStringLiteral("end"), QStringLiteral("2020-03-04T09:30:00+01:00")}};
    entries.append(entry(encounterId, QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("Encounter")},
                                                  {QStringLiteral("status"), QStringLiteral("finished")},
                                                  {QStringLiteral("class"), QJsonObject{{QStringLiteral("code"), QStringLiteral("AMB")}}},
                                                  {QStringLiteral("type"), QJsonArray{coding("http://snomed.info/sct", "185349003", "Encounter for check up")}},
                                                  {QStringLiteral("subject"), subject},
                                                  {QStringLiteral("period"), period}}));
    const QJsonObject encounter{{QStringLiteral("reference"), QStringLiteral("urn:uuid:") + encounterId}};
    for (int i = 0; i < 20; ++i) {
        entries.append(entry(uuid(), QJsonObject{
            {QStringLiteral("resourceType"), QStringLiteral("Observation")},
            {QStringLiteral("status"), QStringLiteral("final")},
            {QStringLiteral("category"), QJsonArray{coding("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", "laboratory")}},
            {QStringLiteral("code"), coding("http://loinc.org", i % 2 ? "2339-0" : "8480-6", i % 2 ? "Glucose" : "Systolic blood pressure")},
            {QStringLiteral("subject"), subject},
            {QStringLiteral("encounter"), encounter},
            {QStringLiteral("effectiveDateTime"), QStringLiteral("2020-03-04T09:10:00+01:00")},
            {QStringLiteral("valueQuantity"), QJsonObject{{QStringLiteral("value"), 90.5 + i},
                                                          {QStringLiteral("unit"), i % 2 ? QStringLiteral("mg/dL") : QStringLiteral("mm[Hg]")},
                                                          {QStringLiteral("system"), QStringLiteral("http://unitsofmeasure.org")},
                                                          {QStringLiteral("code"), i % 2 ? QStringLiteral("mg/dL") : QStringLiteral("mm[Hg]")}}}}));
    }
    for (int i = 0; i < 2; ++i) {
        entries.append(entry(uuid(), QJsonObject{
            {QStringLiteral("resourceType"), QStringLiteral("Condition")},
            {QStringLiteral("clinicalStatus"), coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active")},
            {QStringLiteral("code"), coding("http://snomed.info/sct", i ? "254637007" : "44054006", i ? "Non-small cell lung cancer" : "Diabetes")},
            {QStringLiteral("subject"), subject},
            {QStringLiteral("encounter"), encounter},
            {QStringLiteral("onsetDateTime"), QStringLiteral("2020-03-04T09:20:00+01:00")}}));
    }
    for (int i = 0; i < 3; ++i) {
        entries.append(entry(uuid(), QJsonObject{
            {QStringLiteral("resourceType"), QStringLiteral("MedicationRequest")},
            {QStringLiteral("status"), QStringLiteral("active")},
            {QStringLiteral("intent"), QStringLiteral("order")},
            {QStringLiteral("medicationCodeableConcept"), coding("http://www.nlm.nih.gov/research/umls/rxnorm", "860975", "Metformin 500 MG")},
            {QStringLiteral("subject"), subject},
            {QStringLiteral("encounter"), encounter},
            {QStringLiteral("authoredOn"), QStringLiteral("2020-03-04T09:25:00+01:00")}}));
    }
    for (int i = 0; i < 2; ++i) {
        entries.append(entry(uuid(), QJsonObject{
            {QStringLiteral("resourceType"), QStringLiteral("Procedure")},
            {QStringLiteral("status"), QStringLiteral("completed")},
            {QStringLiteral("code"), coding("http://snomed.info/sct", "430193006", "Medication reconciliation")},
            {QStringLiteral("subject"), subject},
            {QStringLiteral("encounter"), encounter},
            {QStringLiteral("performedPeriod"), period}}));
    }
    return *makeSource(entries, QStringLiteral("SYNTHETIC entries (shared Synthea data not found)"));
}

/// Writes the Bundle with `replicas` copies of the source's entries, one replica at a time.
bool writeBundle(const QString &path, const Source &source, int replicas, qint64 *bytes) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
    QByteArray buffer = R"({"resourceType":"Bundle","type":"collection","entry":[)" "\n" + source.patientEntry;
    buffer.reserve(source.replicaBytes + 64);
    for (int replica = 0; replica < replicas; ++replica) {
        const QByteArray hex = QByteArray::number(replica, 16).rightJustified(8, '0');
        for (const EntryTemplate &t : source.entries) {
            buffer.append(",\n");
            const qsizetype start = buffer.size();
            buffer.append(t.json);
            char *data = buffer.data() + start;
            for (const qsizetype at : t.uuidAt) std::copy_n(hex.constData(), 8, data + at);
        }
        if (file.write(buffer) != buffer.size()) return false;
        buffer.clear();
    }
    buffer.append("\n]}\n");
    if (file.write(buffer) != buffer.size()) return false;
    *bytes = file.size();
    return file.error() == QFileDevice::NoError;
}

struct Row {
    double mib = 0;
    qint64 entries = 0;
    Timing ours, peer;
    double oursRss = -1, peerRss = -1;
    QStringList problems;  // checks of the imported record that failed
};

Row run(const QString &path, const Source &source, int replicas, qint64 bytes, int runs, bool warmUp) {
    Row row;
    row.mib = double(bytes) / kMiB;
    row.entries = 1 + qint64(source.entries.size()) * replicas;
    core::Result<ehr::PatientRecord> result = core::Error();
    bool rss = resetPeakRss();
    row.ours = measure(runs, warmUp, [&] { result = ehr::FhirRecordReader::readFile(path); });
    if (rss) row.oursRss = peakRssMiB();
    qsizetype peerObjects = 0;
    rss = resetPeakRss();
    row.peer = measure(runs, warmUp, [&] {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) return;
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll());
        peerObjects = document.object().value(QLatin1String("entry")).toArray().size();
    });
    if (rss) row.peerRss = peakRssMiB();

    if (peerObjects != row.entries) row.problems << QStringLiteral("peer parsed %1 entries, not %2").arg(peerObjects).arg(row.entries);
    if (!result.ok()) {
        row.problems << QStringLiteral("import failed: %1").arg(result.error().message());
        return row;
    }
    const ehr::PatientRecord &record = result.value();
    QMap<QString, int> expected;
    for (auto it = source.typesPerReplica.cbegin(); it != source.typesPerReplica.cend(); ++it) {
        expected[it.key()] = it.value() * replicas;
    }
    expected[QStringLiteral("Patient")] = 1;
    if (record.countsByType != expected) {
        QStringList differ;
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            if (record.countsByType.value(it.key()) != it.value()) {
                differ << QStringLiteral("%1 %2 (expected %3)").arg(it.key()).arg(record.countsByType.value(it.key())).arg(it.value());
            }
        }
        row.problems << QStringLiteral("resources imported differ: %1").arg(differ.join(QStringLiteral(", ")));
    }
    const qsizetype observations = qsizetype(source.typesPerReplica.value(QStringLiteral("Observation"))) * replicas;
    if (record.observations.size() != observations) {
        row.problems << QStringLiteral("%1 observations, expected %2").arg(record.observations.size()).arg(observations);
    }
    if (record.encounters.size() != qsizetype(source.typesPerReplica.value(QStringLiteral("Encounter"))) * replicas) {
        row.problems << QStringLiteral("%1 encounters, expected %2").arg(record.encounters.size())
                            .arg(source.typesPerReplica.value(QStringLiteral("Encounter")) * replicas);
    }
    if (record.demographics.id.isEmpty()) row.problems << QStringLiteral("no Patient demographics");
    // Rewritten references must all resolve: only per-file / per-target notes, never one per entry.
    if (record.warnings.size() > 50) {
        row.problems << QStringLiteral("%1 warnings, first: %2").arg(record.warnings.size()).arg(record.warnings.first());
    }
    for (const QString &warning : record.warnings) {
        if (warning.contains(QLatin1String("not in the input"))) row.problems << QStringLiteral("unresolved references: %1").arg(warning);
    }
    return row;
}

}  // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const int runsSmall = argc > 1 ? std::max(1, atoi(argv[1])) : 3;
    const int runsLarge = argc > 2 ? std::max(1, atoi(argv[2])) : 1;

    std::optional<Source> source = syntheaSource();
    if (!source) source = syntheticSource();
    QTemporaryDir dir;
    if (!dir.isValid()) {
        std::fprintf(stderr, "BenchFhirImport: error: cannot create a temporary directory\n");
        return 1;
    }
    const int replicasSmall = int((50 * kMiB + source->replicaBytes - 1) / source->replicaBytes);
    const struct {
        QString name;
        int replicas;
        int runs;
        bool warmUp;
    } sizes[] = {{QStringLiteral("bundle-50.json"), replicasSmall, runsSmall, true},
                 {QStringLiteral("bundle-500.json"), 10 * replicasSmall, runsLarge, false}};

    std::printf("FHIR import, one Patient; entries from: %s\n", qPrintable(source->description));
    std::printf("  %lld entries per replica (%.2f MiB compact), %d and %d replicas\n", qint64(source->entries.size()),
                double(source->replicaBytes) / kMiB, sizes[0].replicas, sizes[1].replicas);
    std::printf("  ours: FhirRecordReader::readFile; peer: read file + QJsonDocument::fromJson (Qt JSON parse floor)\n");
    std::vector<Row> rows;
    for (const auto &size : sizes) {
        const QString path = dir.filePath(size.name);
        qint64 bytes = 0;
        if (!writeBundle(path, *source, size.replicas, &bytes)) {
            std::fprintf(stderr, "BenchFhirImport: error: cannot write %s\n", qPrintable(path));
            return 1;
        }
        rows.push_back(run(path, *source, size.replicas, bytes, size.runs, size.warmUp));
        std::printf("  %s: %d run(s)%s, median (min-max): ours %.0f (%.0f-%.0f) ms, peer %.0f (%.0f-%.0f) ms\n",
                    qPrintable(size.name), size.runs, size.warmUp ? " after a warm-up" : "", rows.back().ours.median,
                    rows.back().ours.min, rows.back().ours.max, rows.back().peer.median, rows.back().peer.min,
                    rows.back().peer.max);
        std::fflush(stdout);
        QFile::remove(path);
    }

    std::printf("\n  %8s %9s %9s %9s %10s %10s %12s %12s %14s %14s\n", "size MiB", "entries", "ours ms", "peer ms",
                "ours/peer", "ours MiB/s", "ours CPU ms", "peer CPU ms", "ours peak RSS", "peer peak RSS");
    for (const Row &row : rows) {
        std::printf("  %8.1f %9lld %9.0f %9.0f %9.2fx %10.1f %12.0f %12.0f %10.0f MiB %10.0f MiB\n", row.mib,
                    row.entries, row.ours.median, row.peer.median, row.ours.median / row.peer.median,
                    row.mib / (row.ours.median / 1000.0), row.ours.cpuMedian, row.peer.cpuMedian, row.oursRss,
                    row.peerRss);
    }
    const double scaling = rows[1].ours.median / rows[0].ours.median;
    const double peerScaling = rows[1].peer.median / rows[0].peer.median;
    const double sizeRatio = rows[1].mib / rows[0].mib;
    std::printf("\n  scaling t(500)/t(50) for %.1fx the size: ours %.2fx, peer %.2fx (CPU time: ours %.2fx, peer %.2fx)\n",
                sizeRatio, scaling, peerScaling, rows[1].ours.cpuMedian / rows[0].ours.cpuMedian,
                rows[1].peer.cpuMedian / rows[0].peer.cpuMedian);

    bool ok = true;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        for (const QString &problem : rows[i].problems) {
            std::printf("  CHECK FAILED (%s): %s\n", qPrintable(sizes[i].name), qPrintable(problem));
            ok = false;
        }
    }
    const bool fast = rows[0].ours.median < 2000.0;
    const bool linear = scaling < 12.0;
    std::printf("  goal 50 MiB < 2000 ms: %s (%.0f ms)\n", fast ? "PASS" : "FAIL", rows[0].ours.median);
    std::printf("  goal t(500)/t(50) < 12: %s (%.2f)\n", linear ? "PASS" : "FAIL", scaling);
    return ok && fast && linear ? 0 : 1;
}
