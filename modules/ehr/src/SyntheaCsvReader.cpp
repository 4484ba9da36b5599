#include "twin/ehr/SyntheaCsvReader.h"

#include "twin/ehr/CsvTable.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

namespace twin::ehr {

namespace {

// Identifier systems as Synthea's own FHIR exporter writes them, so CSV and FHIR imports of the
// same patient carry the same identifiers.
const QString kSyntheaIdSystem = QStringLiteral("https://github.com/synthetichealth/synthea");
const QString kSsnSystem = QStringLiteral("http://hl7.org/fhir/sid/us-ssn");
const QString kDriversSystem = QStringLiteral("urn:oid:2.16.840.1.113883.4.3.25");
const QString kPassportSystem =
    QStringLiteral("http://standardhealthrecord.org/fhir/StructureDefinition/passportNumber");

constexpr int kRowsPerCheck = 2048;  // rows between progress updates and cancellation checks

/// One table of the export: its file, the columns it needs (each a list of accepted spellings,
/// the current one first) and every column some Synthea generation writes into it.
struct TableSpec {
    QString file;
    QList<QStringList> required;
    QStringList known;

    /// `required`: columns separated by spaces, alternative spellings by '|' ("START|DATE CODE").
    TableSpec(const char *fileName, const char *requiredColumns, const char *knownColumns)
        : file(QString::fromLatin1(fileName)), known(words(knownColumns)) {
        for (const QString &column : words(requiredColumns)) required << column.split(QLatin1Char('|'));
    }

    static QStringList words(const char *text) {
        return QString::fromLatin1(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    }
};

// clang-format off
const TableSpec &patientsSpec() {
    static const TableSpec spec{"patients.csv", "Id BIRTHDATE",
        "ID BIRTHDATE DEATHDATE SSN DRIVERS PASSPORT PREFIX FIRST MIDDLE LAST SUFFIX MAIDEN MARITAL RACE "
        "ETHNICITY GENDER BIRTHPLACE ADDRESS CITY STATE COUNTY FIPS ZIP LAT LON HEALTHCARE_EXPENSES "
        "HEALTHCARE_COVERAGE INCOME"};
    return spec;
}
const TableSpec &encountersSpec() {
    static const TableSpec spec{"encounters.csv", "Id START|DATE PATIENT CODE",
        "ID START STOP DATE PATIENT ORGANIZATION PROVIDER PAYER ENCOUNTERCLASS SYSTEM CODE DESCRIPTION COST "
        "BASE_ENCOUNTER_COST TOTAL_CLAIM_COST PAYER_COVERAGE REASONCODE REASONDESCRIPTION"};
    return spec;
}
const TableSpec &conditionsSpec() {
    static const TableSpec spec{"conditions.csv", "START PATIENT CODE",
        "START STOP PATIENT ENCOUNTER SYSTEM CODE DESCRIPTION"};
    return spec;
}
const TableSpec &medicationsSpec() {
    static const TableSpec spec{"medications.csv", "START PATIENT CODE",
        "START STOP PATIENT PAYER ENCOUNTER SYSTEM CODE DESCRIPTION COST BASE_COST PAYER_COVERAGE DISPENSES "
        "TOTALCOST REASONCODE REASONDESCRIPTION"};
    return spec;
}
const TableSpec &observationsSpec() {
    static const TableSpec spec{"observations.csv", "DATE PATIENT CODE VALUE",
        "DATE PATIENT ENCOUNTER CATEGORY SYSTEM CODE DESCRIPTION VALUE UNITS TYPE"};
    return spec;
}
const TableSpec &proceduresSpec() {
    static const TableSpec spec{"procedures.csv", "START|DATE PATIENT CODE",
        "START STOP DATE PATIENT ENCOUNTER SYSTEM CODE DESCRIPTION COST BASE_COST REASONCODE "
        "REASONDESCRIPTION"};
    return spec;
}
const TableSpec &imagingSpec() {
    static const TableSpec spec{"imaging_studies.csv", "Id DATE PATIENT",
        "ID DATE PATIENT ENCOUNTER STUDY_UID STUDY_INSTANCE_UID STUDYINSTANCEUID SERIES_UID BODYSITE_CODE "
        "BODYSITE_DESCRIPTION MODALITY_CODE MODALITY_DESCRIPTION INSTANCE_UID SOP_CODE SOP_DESCRIPTION "
        "PROCEDURE_CODE"};
    return spec;
}
const TableSpec &allergiesSpec() {
    static const TableSpec spec{"allergies.csv", "START PATIENT CODE",
        "START STOP PATIENT ENCOUNTER CODE SYSTEM DESCRIPTION TYPE CATEGORY REACTION1 DESCRIPTION1 SEVERITY1 "
        "REACTION2 DESCRIPTION2 SEVERITY2"};
    return spec;
}
const TableSpec &careplansSpec() {
    static const TableSpec spec{"careplans.csv", "START PATIENT CODE",
        "ID START STOP PATIENT ENCOUNTER CODE DESCRIPTION REASONCODE REASONDESCRIPTION"};
    return spec;
}
// clang-format on

/// Finds a column under any of its spellings; -1 when absent.
int columnOf(const CsvTable &table, const QStringList &spellings) {
    for (const QString &name : spellings) {
        const int index = table.column(name);
        if (index >= 0) return index;
    }
    return -1;
}

/// Checks required columns (error naming the first missing one) and collects warnings for
/// unknown and duplicate columns.
core::Status checkColumns(const CsvTable &table, const TableSpec &spec, QStringList *warnings) {
    for (const QStringList &spellings : spec.required) {
        if (columnOf(table, spellings) >= 0) continue;
        QString what = QStringLiteral("column %1 missing").arg(spellings.first());
        if (spellings.size() > 1) {
            what += QStringLiteral(" (older Synthea: %1)").arg(spellings.mid(1).join(QStringLiteral(", ")));
        }
        return core::Error::invalidInput(what).inFile(table.path());
    }
    if (!warnings) return {};
    QStringList unknown;
    for (const QString &name : table.header()) {
        if (!spec.known.contains(name, Qt::CaseInsensitive))
            unknown << (name.isEmpty() ? QStringLiteral("\"\"") : name);
    }
    if (!unknown.isEmpty()) {
        *warnings
            << QStringLiteral("%1: unknown columns ignored: %2").arg(spec.file, unknown.join(QStringLiteral(", ")));
    }
    for (const QString &name : table.duplicateColumns()) {
        *warnings << QStringLiteral("%1: column %2 appears more than once; the first is read").arg(spec.file, name);
    }
    return {};
}

/// A field value for a one-line warning: line breaks shown as \n, long values shortened.
QString quoted(const QString &text) {
    constexpr int kMax = 60;
    QString shown = text.size() > kMax ? text.left(kMax) + QStringLiteral("…") : text;
    shown.replace(QLatin1Char('\r'), QStringLiteral("\\r")).replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    return QStringLiteral("'%1'").arg(shown);
}

std::optional<QDateTime> parseDateTime(const QString &text) {
    if (text.size() == 10) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (!date.isValid()) return std::nullopt;
        return QDateTime(date, QTime(0, 0), Qt::UTC);
    }
    QDateTime dateTime = QDateTime::fromString(text, Qt::ISODate);
    if (!dateTime.isValid()) dateTime = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dateTime.isValid()) return std::nullopt;
    if (dateTime.timeSpec() == Qt::LocalTime) dateTime.setTimeSpec(Qt::UTC);  // no zone written: UTC, not ours
    return dateTime;
}

std::optional<double> parseNumber(const QString &text) {
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value)) return std::nullopt;
    return value;
}

/// Reads fields of the current row; the first problem makes the row unusable.
class RowReader {
public:
    RowReader(const CsvTable &table, const QString &file) : table_(table), file_(file) {}

    QString text(int column) const { return table_.value(column).trimmed(); }

    /// A date-time; empty gives an invalid QDateTime unless `required`.
    QDateTime dateTime(int column, bool required) {
        const QString value = text(column);
        if (value.isEmpty()) {
            if (required && column >= 0) fail(column, QStringLiteral("empty"));
            return {};
        }
        const std::optional<QDateTime> parsed = parseDateTime(value);
        if (!parsed) fail(column, QStringLiteral("not a date %1").arg(quoted(value)));
        return parsed.value_or(QDateTime());
    }

    std::optional<double> number(int column) {
        const QString value = text(column);
        const std::optional<double> parsed = parseNumber(value);
        if (!parsed) fail(column, QStringLiteral("not a number %1").arg(quoted(value)));
        return parsed;
    }

    bool ok() const { return problem_.isEmpty(); }
    /// "observations.csv row 123: column VALUE: not a number 'abc'".
    QString problem() const { return problem_; }
    QString where() const { return QStringLiteral("%1 row %2").arg(file_).arg(table_.row()); }

private:
    void fail(int column, const QString &what) {
        if (!problem_.isEmpty()) return;
        problem_ = QStringLiteral("%1: column %2: %3").arg(where(), table_.header().value(column), what);
    }

    const CsvTable &table_;
    QString file_;
    QString problem_;
};

CodedConcept codedConcept(const QString &system, const QString &code, const QString &display) {
    CodedConcept result;
    if (!code.isEmpty()) result.codings << Coding{system, code, display};
    result.text = display;
    return result;
}

Provenance provenanceOf(const CsvTable &table, const QString &resourceType, const QString &id) {
    Provenance provenance;
    provenance.file = table.path();
    provenance.resourceType = resourceType;
    provenance.resourceId = id;
    provenance.csvRow = table.row();
    return provenance;
}

/// Matches text that is not blank. Compiled once: a QRegularExpression built per row cost more
/// than reading the row.
const QRegularExpression &nonBlank() {
    static const QRegularExpression expression(QStringLiteral("\\S"));
    return expression;
}

QString givenNames(const QString &first, const QString &middle) {
    return QStringList{first, middle}.filter(nonBlank()).join(QLatin1Char(' '));
}

/// State shared by the tables of one read.
struct ReadState {
    QDir dir;
    PatientRecord record;
    QByteArray patientKey;  // the patient Id, UTF-8, compared against PATIENT fields
    core::JobContext *context = nullptr;
    qint64 totalBytes = 1;
    qint64 doneBytes = 0;
};

/// Streams one clinical table, calling `map` for each well-formed row of the patient.
/// Returns an error only for what stops the whole import.
core::Status readPatientRows(ReadState &state, const TableSpec &spec,
                             const std::function<void(const CsvTable &, RowReader &)> &map) {
    if (state.context && state.context->isCancelled()) return core::Error::cancelled();
    const QString path = state.dir.filePath(spec.file);
    if (!QFileInfo(path).isFile()) {
        state.record.warnings << QStringLiteral("%1: not in the export; nothing read from it").arg(spec.file);
        return {};
    }
    core::Result<CsvTable> opened = CsvTable::open(path);
    if (!opened.ok()) return opened.error();
    CsvTable &table = opened.value();
    if (core::Status columns = checkColumns(table, spec, &state.record.warnings); !columns.ok()) return columns;
    state.record.sources << path;
    const int patientColumn = table.column(u"PATIENT");
    const int headerSize = static_cast<int>(table.header().size());
    const QString stage = QStringLiteral("Reading %1").arg(spec.file);
    if (state.context) state.context->setProgress(double(state.doneBytes) / double(state.totalBytes), stage);

    for (int count = 1;; ++count) {
        const core::Result<bool> more = table.next();
        if (!more.ok()) return more.error();
        if (!more.value()) break;
        if (count % kRowsPerCheck == 0 && state.context) {
            if (state.context->isCancelled()) return core::Error::cancelled();
            state.context->setProgress(double(state.doneBytes + table.bytesRead()) / double(state.totalBytes));
        }
        if (table.fieldCount() != headerSize) {
            // A row with too few or too many fields has its columns shifted: never map it. Say
            // so when it may be one of ours.
            bool mentionsPatient = false;
            for (int i = 0; i < table.fieldCount() && !mentionsPatient; ++i) {
                mentionsPatient = table.raw(i) == state.patientKey;
            }
            if (mentionsPatient) {
                state.record.warnings << QStringLiteral("%1 row %2: %3 fields, the header has %4; row skipped")
                                             .arg(spec.file)
                                             .arg(table.row())
                                             .arg(table.fieldCount())
                                             .arg(headerSize);
            }
            continue;
        }
        if (table.raw(patientColumn).trimmed() != state.patientKey) continue;
        RowReader row(table, spec.file);
        map(table, row);
        if (!row.ok()) state.record.warnings << row.problem();
    }
    state.doneBytes += table.totalBytes();
    return {};
}

QString listEntry(const QString &id, const QString &given, const QString &family) {
    const QString name =
        QStringList{given, family}.filter(nonBlank()).join(QLatin1Char(' '));
    return name.isEmpty() ? id : QStringLiteral("%1 (%2)").arg(id, name);
}

}  // namespace

QString SyntheaCsvReader::codeSystemUri(const QString &syntheaSystem) {
    const QString trimmed = syntheaSystem.trimmed();
    if (trimmed.contains(QLatin1Char(':'))) return trimmed;  // a URI or URN already
    QString key = trimmed.toUpper();
    static const QRegularExpression kNotAlphanumeric(QStringLiteral("[^A-Z0-9]"));
    key.remove(kNotAlphanumeric);
    if (key == QLatin1String("SNOMEDCT") || key == QLatin1String("SNOMED") || key == QLatin1String("SCT")) {
        return code_system::kSnomed;
    }
    if (key == QLatin1String("LOINC")) return code_system::kLoinc;
    if (key == QLatin1String("RXNORM")) return code_system::kRxNorm;
    if (key == QLatin1String("ICD10CM")) return code_system::kIcd10Cm;
    if (key == QLatin1String("ICD10")) return code_system::kIcd10;
    if (key == QLatin1String("UCUM")) return code_system::kUcum;
    if (key == QLatin1String("CVX")) return QStringLiteral("http://hl7.org/fhir/sid/cvx");
    if (key == QLatin1String("NUCC")) return QStringLiteral("http://nucc.org/provider-taxonomy");
    if (key == QLatin1String("DICOMDCM") || key == QLatin1String("DCM")) {
        return QStringLiteral("http://dicom.nema.org/resources/ontology/DCM");
    }
    return trimmed;
}

bool SyntheaCsvReader::isCancer(const CodedConcept &code) {
    // SNOMED CT codes of cancer diagnoses in Synthea's oncology modules (lung, colorectal,
    // breast, prostate, leukaemia).
    static const QSet<QString> kCancerCodes{
        QStringLiteral("254637007"),      QStringLiteral("424132000"), QStringLiteral("425048006"),
        QStringLiteral("422968005"),      QStringLiteral("423121009"), QStringLiteral("254632001"),
        QStringLiteral("67811000119102"), QStringLiteral("363406005"), QStringLiteral("109838007"),
        QStringLiteral("93761005"),       QStringLiteral("94260004"),  QStringLiteral("126906006"),
        QStringLiteral("92691004"),       QStringLiteral("254837009"), QStringLiteral("363358000"),
        QStringLiteral("93143009"),       QStringLiteral("91861009")};
    for (const Coding &coding : code.codings) {
        if ((coding.system == code_system::kSnomed || coding.system.isEmpty()) && kCancerCodes.contains(coding.code)) {
            return true;
        }
    }
    static const QRegularExpression kExcluded(
        QStringLiteral("benign|suspected|screening|family history|non-?malignant"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression kCancerWords(
        QStringLiteral("carcinoma|cancer|malignan|neoplasm|lymphoma|leuka?emia|sarcoma|melanoma|myeloma|"
                       "mesothelioma|glioblastoma"),
        QRegularExpression::CaseInsensitiveOption);
    QStringList texts{code.text};
    for (const Coding &coding : code.codings) texts << coding.display;
    for (const QString &text : texts) {
        if (text.isEmpty() || kExcluded.match(text).hasMatch()) continue;
        if (kCancerWords.match(text).hasMatch()) return true;
    }
    return false;
}

bool SyntheaCsvReader::isChemotherapy(const QString &medicationText) {
    // Cytotoxic agents by name (RxNorm descriptions name the ingredient). Leucovorin, hormonal
    // and supportive drugs are not chemotherapy.
    static const QRegularExpression kCytotoxic(
        QStringLiteral("cisplatin|carboplatin|oxaliplatin|paclitaxel|docetaxel|cabazitaxel|etoposide|"
                       "cyclophosphamide|ifosfamide|doxorubicin|daunorubicin|epirubicin|idarubicin|fluorouracil|"
                       "capecitabine|gemcitabine|pemetrexed|methotrexate|vinorelbine|vincristine|vinblastine|"
                       "irinotecan|topotecan|bleomycin|dacarbazine|temozolomide|bendamustine|chlorambucil|"
                       "melphalan|busulfan|cytarabine|fludarabine|azacitidine|decitabine|mitomycin|mitoxantrone|"
                       "eribulin|trabectedin|ixabepilone"),
        QRegularExpression::CaseInsensitiveOption);
    return kCytotoxic.match(medicationText).hasMatch();
}

ProcedureRecord::Category SyntheaCsvReader::procedureCategory(const QString &text) {
    using Category = ProcedureRecord::Category;
    static const QList<std::pair<Category, QRegularExpression>> kRules{
        {Category::Radiotherapy,
         QRegularExpression(QStringLiteral("radiotherapy|radiation (therapy|treatment|oncology)|brachytherapy|"
                                           "irradiation|external beam|proton beam|megavoltage"),
                            QRegularExpression::CaseInsensitiveOption)},
        {Category::Chemotherapy,
         QRegularExpression(QStringLiteral("chemotherapy|antineoplastic|chemoembolization|cytotoxic"),
                            QRegularExpression::CaseInsensitiveOption)},
        {Category::Biopsy,
         QRegularExpression(QStringLiteral("biops|fine needle aspiration"), QRegularExpression::CaseInsensitiveOption)},
        {Category::Imaging,
         QRegularExpression(QStringLiteral("\\b(ct|mri|pet|x-ray|xray)\\b|tomography|magnetic resonance|radiograph|"
                                           "mammogra|ultraso|sonograph|echocardiograph|fluoroscop|angiograph|"
                                           "scintigra|densitometry|imaging|\\bscan\\b"),
                            QRegularExpression::CaseInsensitiveOption)},
        {Category::Surgery,
         QRegularExpression(QStringLiteral("ectomy|otomy|ostomy|plasty|pexy|rrhaphy|resection|excision|surgery|"
                                           "surgical|amputation|transplant|bypass graft|repair of"),
                            QRegularExpression::CaseInsensitiveOption)},
    };
    for (const auto &[category, pattern] : kRules) {
        if (pattern.match(text).hasMatch()) return category;
    }
    return Category::Other;
}

QString SyntheaCsvReader::patientIdOf(const QString &listEntry) {
    return listEntry.section(QLatin1Char(' '), 0, 0);
}

core::Result<QStringList> SyntheaCsvReader::listPatients(const QString &dir) {
    const QString path = QDir(dir).filePath(patientsSpec().file);
    if (!QFileInfo(path).isFile()) {
        return core::Error::notFound(QStringLiteral("no patients.csv: not a Synthea CSV export")).inFile(path);
    }
    core::Result<CsvTable> opened = CsvTable::open(path);
    if (!opened.ok()) return opened.error();
    CsvTable &table = opened.value();
    if (core::Status columns = checkColumns(table, patientsSpec(), nullptr); !columns.ok()) return columns.error();
    const int id = table.column(u"Id");
    const int first = table.column(u"FIRST");
    const int middle = table.column(u"MIDDLE");
    const int last = table.column(u"LAST");
    QStringList patients;
    while (true) {
        const core::Result<bool> more = table.next();
        if (!more.ok()) return more.error();
        if (!more.value()) break;
        const QString patientId = table.value(id).trimmed();
        if (patientId.isEmpty()) continue;
        patients << listEntry(patientId, givenNames(table.value(first).trimmed(), table.value(middle).trimmed()),
                              table.value(last).trimmed());
    }
    return patients;
}

core::Result<PatientRecord> SyntheaCsvReader::read(const QString &dir, const QString &patientId,
                                                   core::JobContext *context) {
    ReadState state;
    state.dir = QDir(dir);
    state.context = context;
    PatientRecord &record = state.record;

    const TableSpec *clinical[] = {&encountersSpec(), &conditionsSpec(), &medicationsSpec(), &observationsSpec(),
                                   &proceduresSpec(), &imagingSpec(),    &allergiesSpec(),   &careplansSpec()};
    // Progress is by bytes over every table read.
    state.totalBytes = QFileInfo(state.dir.filePath(patientsSpec().file)).size();
    for (const TableSpec *spec : clinical) state.totalBytes += QFileInfo(state.dir.filePath(spec->file)).size();
    state.totalBytes = std::max<qint64>(state.totalBytes, 1);

    // patients.csv: the chosen patient's row.
    const QString patientsPath = state.dir.filePath(patientsSpec().file);
    if (!QFileInfo(patientsPath).isFile()) {
        return core::Error::notFound(QStringLiteral("no patients.csv: not a Synthea CSV export")).inFile(patientsPath);
    }
    if (context) context->setProgress(0.0, QStringLiteral("Reading patients.csv"));
    {
        core::Result<CsvTable> opened = CsvTable::open(patientsPath);
        if (!opened.ok()) return opened.error();
        CsvTable &table = opened.value();
        if (core::Status columns = checkColumns(table, patientsSpec(), &record.warnings); !columns.ok()) {
            return columns.error();
        }
        record.sources << patientsPath;
        const int idColumn = table.column(u"Id");
        const QString wanted = patientId.trimmed();
        int patients = 0;
        int duplicates = 0;
        bool found = false;
        while (true) {
            const core::Result<bool> more = table.next();
            if (!more.ok()) return more.error();
            if (!more.value()) break;
            const QString id = table.value(idColumn).trimmed();
            if (id.isEmpty()) continue;
            ++patients;
            const bool chosen = wanted.isEmpty() ? !found : id == wanted;
            if (!chosen) continue;
            if (found) {
                ++duplicates;
                continue;
            }
            found = true;

            Demographics &demographics = record.demographics;
            RowReader row(table, patientsSpec().file);
            const auto column = [&table](const char *name) { return table.column(QString::fromLatin1(name)); };
            demographics.id = id;
            demographics.identifiers << Identifier{kSyntheaIdSystem, id};
            for (const auto &[name, system] : {std::pair{"SSN", kSsnSystem}, std::pair{"DRIVERS", kDriversSystem},
                                               std::pair{"PASSPORT", kPassportSystem}}) {
                const QString value = row.text(column(name));
                if (!value.isEmpty()) demographics.identifiers << Identifier{system, value};
            }
            demographics.givenName = givenNames(row.text(column("FIRST")), row.text(column("MIDDLE")));
            demographics.familyName = row.text(column("LAST"));
            // A bad date in the patient row leaves that field empty; the patient is still read.
            for (const auto &[name, target] : {std::pair{"BIRTHDATE", &demographics.birthDate},
                                               std::pair{"DEATHDATE", &demographics.deceasedDate}}) {
                RowReader dateRow(table, patientsSpec().file);
                const QDateTime date = dateRow.dateTime(column(name), false);
                if (!dateRow.ok()) {
                    record.warnings << dateRow.problem();
                } else if (date.isValid()) {
                    *target = date.date();
                }
            }
            const QString gender = row.text(column("GENDER"));
            const QString key = gender.toLower();
            if (key == QLatin1String("m") || key == QLatin1String("male")) {
                demographics.sex = QStringLiteral("male");
            } else if (key == QLatin1String("f") || key == QLatin1String("female")) {
                demographics.sex = QStringLiteral("female");
            } else if (key == QLatin1String("other") || key == QLatin1String("unknown")) {
                demographics.sex = key;
            } else {
                demographics.sex = QStringLiteral("unknown");
                if (!gender.isEmpty()) {
                    record.warnings << QStringLiteral("%1: column GENDER: unknown value %2, read as unknown")
                                           .arg(row.where(), quoted(gender));
                }
            }
            demographics.provenance = provenanceOf(table, QStringLiteral("Patient"), id);
        }
        if (!found) {
            if (wanted.isEmpty()) return core::Error::invalidInput(QStringLiteral("no patients")).inFile(patientsPath);
            return core::Error::notFound(QStringLiteral("patient %1 not found").arg(wanted)).inFile(patientsPath);
        }
        if (duplicates > 0) {
            record.warnings << QStringLiteral("patients.csv: patient %1 appears %2 times; the first row is read")
                                   .arg(record.demographics.id)
                                   .arg(duplicates + 1);
        }
        if (wanted.isEmpty()) {
            record.warnings << QStringLiteral("patients.csv: %1 patients and no patient chosen; read the first, %2")
                                   .arg(patients)
                                   .arg(listEntry(record.demographics.id, record.demographics.givenName,
                                                  record.demographics.familyName));
        }
        record.countsByType[QStringLiteral("Patient")] = 1;
        state.patientKey = record.demographics.id.toUtf8();
        state.doneBytes = table.totalBytes();
    }

    const auto systemOr = [](const CsvTable &table, int systemColumn, const QString &fallback) {
        const QString system = table.value(systemColumn).trimmed();
        return system.isEmpty() ? fallback : SyntheaCsvReader::codeSystemUri(system);
    };
    const auto codeOf = [&systemOr](const CsvTable &table, const QString &fallbackSystem) {
        return codedConcept(systemOr(table, table.column(u"SYSTEM"), fallbackSystem),
                            table.value(table.column(u"CODE")).trimmed(),
                            table.value(table.column(u"DESCRIPTION")).trimmed());
    };
    const auto syntheticId = [](const TableSpec &spec, const CsvTable &table) {
        return QStringLiteral("%1-%2").arg(QFileInfo(spec.file).completeBaseName()).arg(table.row());
    };

    core::Status status = readPatientRows(state, encountersSpec(), [&](const CsvTable &table, RowReader &row) {
        EncounterRecord encounter;
        encounter.id = row.text(table.column(u"Id"));
        encounter.start = row.dateTime(columnOf(table, {QStringLiteral("START"), QStringLiteral("DATE")}), true);
        encounter.end = row.dateTime(table.column(u"STOP"), false);
        if (!row.ok()) return;
        encounter.type = codeOf(table, code_system::kSnomed);
        encounter.encounterClass = row.text(table.column(u"ENCOUNTERCLASS"));
        encounter.provenance = provenanceOf(table, QStringLiteral("Encounter"), encounter.id);
        record.encounters << encounter;
        ++record.countsByType[QStringLiteral("Encounter")];
    });
    if (!status.ok()) return status.error();

    status = readPatientRows(state, conditionsSpec(), [&](const CsvTable &table, RowReader &row) {
        ConditionRecord condition;
        condition.onset = row.dateTime(table.column(u"START"), true);
        condition.abatement = row.dateTime(table.column(u"STOP"), false);
        if (!row.ok()) return;
        condition.id = syntheticId(conditionsSpec(), table);
        condition.code = codeOf(table, code_system::kSnomed);
        condition.clinicalStatus =
            condition.abatement.isValid() ? QStringLiteral("resolved") : QStringLiteral("active");
        condition.isCancer = isCancer(condition.code);
        condition.provenance = provenanceOf(table, QStringLiteral("Condition"), condition.id);
        record.conditions << condition;
        ++record.countsByType[QStringLiteral("Condition")];
    });
    if (!status.ok()) return status.error();

    status = readPatientRows(state, medicationsSpec(), [&](const CsvTable &table, RowReader &row) {
        MedicationRecord medication;
        medication.start = row.dateTime(table.column(u"START"), true);
        medication.end = row.dateTime(table.column(u"STOP"), false);
        if (!row.ok()) return;
        medication.id = syntheticId(medicationsSpec(), table);
        medication.kind = MedicationRecord::Kind::Request;
        medication.medication = codeOf(table, code_system::kRxNorm);
        medication.status = medication.end.isValid() ? QStringLiteral("stopped") : QStringLiteral("active");
        medication.isChemotherapy = isChemotherapy(medication.medication.label());
        medication.provenance = provenanceOf(table, QStringLiteral("MedicationRequest"), medication.id);
        record.medications << medication;
        ++record.countsByType[QStringLiteral("MedicationRequest")];
    });
    if (!status.ok()) return status.error();

    status = readPatientRows(state, observationsSpec(), [&](const CsvTable &table, RowReader &row) {
        static const QRegularExpression kLoincCode(QStringLiteral("^\\d{1,8}-\\d$"));
        ObservationRecord observation;
        observation.effective = row.dateTime(table.column(u"DATE"), true);
        const int valueColumn = table.column(u"VALUE");
        const QString value = row.text(valueColumn);
        const QString type = row.text(table.column(u"TYPE")).toLower();
        // TYPE (v2+) says numeric or text; without it (v1) a value that parses is a number.
        const bool numeric = type == QLatin1String("numeric") ||
                             (type != QLatin1String("text") && !value.isEmpty() && parseNumber(value).has_value());
        if (numeric) {
            const std::optional<double> number = row.number(valueColumn);
            observation.value.kind = ObservationValue::Kind::Quantity;
            observation.value.number = number;
        } else if (!value.isEmpty()) {
            observation.value.kind = ObservationValue::Kind::String;
            observation.value.text = value;
        }
        observation.value.unit = row.text(table.column(u"UNITS"));  // kept for text values too ("/a")
        if (!row.ok()) return;
        observation.id = syntheticId(observationsSpec(), table);
        const QString code = row.text(table.column(u"CODE"));
        observation.code = codeOf(table, kLoincCode.match(code).hasMatch() ? code_system::kLoinc : QString());
        observation.category = row.text(table.column(u"CATEGORY"));
        observation.provenance = provenanceOf(table, QStringLiteral("Observation"), observation.id);
        record.observations << observation;
        ++record.countsByType[QStringLiteral("Observation")];
    });
    if (!status.ok()) return status.error();

    status = readPatientRows(state, proceduresSpec(), [&](const CsvTable &table, RowReader &row) {
        ProcedureRecord procedure;
        procedure.start = row.dateTime(columnOf(table, {QStringLiteral("START"), QStringLiteral("DATE")}), true);
        procedure.end = row.dateTime(table.column(u"STOP"), false);
        if (!row.ok()) return;
        procedure.id = syntheticId(proceduresSpec(), table);
        procedure.code = codeOf(table, code_system::kSnomed);
        procedure.category = procedureCategory(procedure.code.label());
        procedure.provenance = provenanceOf(table, QStringLiteral("Procedure"), procedure.id);
        record.procedures << procedure;
        ++record.countsByType[QStringLiteral("Procedure")];
    });
    if (!status.ok()) return status.error();

    // One row per instance: rows with the same Id are one study.
    QHash<QString, qsizetype> studyIndex;
    status = readPatientRows(state, imagingSpec(), [&](const CsvTable &table, RowReader &row) {
        const QString id = row.text(table.column(u"Id"));
        const QDateTime started = row.dateTime(table.column(u"DATE"), true);
        if (!row.ok()) return;
        if (id.isEmpty()) {
            record.warnings << QStringLiteral("%1: column Id: empty; row skipped").arg(row.where());
            return;
        }
        auto found = studyIndex.constFind(id);
        if (found == studyIndex.cend()) {
            ImagingStudyRecord study;
            study.id = id;
            study.started = started;
            study.provenance = provenanceOf(table, QStringLiteral("ImagingStudy"), id);
            record.imagingStudies << study;
            found = studyIndex.insert(id, record.imagingStudies.size() - 1);
            ++record.countsByType[QStringLiteral("ImagingStudy")];
        }
        ImagingStudyRecord &study = record.imagingStudies[*found];
        if (started.isValid() && (!study.started.isValid() || started < study.started)) study.started = started;
        const QString studyUid =
            row.text(columnOf(table, {QStringLiteral("STUDY_UID"), QStringLiteral("STUDY_INSTANCE_UID"),
                                      QStringLiteral("STUDYINSTANCEUID")}));
        if (study.studyInstanceUid.isEmpty()) study.studyInstanceUid = studyUid;
        const QString modality = row.text(table.column(u"MODALITY_CODE"));
        if (!modality.isEmpty() && !study.modalities.contains(modality)) study.modalities << modality;
        const QString series = row.text(table.column(u"SERIES_UID"));
        if (!series.isEmpty() && !study.seriesInstanceUids.contains(series)) study.seriesInstanceUids << series;
        const QString bodySite = row.text(table.column(u"BODYSITE_DESCRIPTION"));
        const QString modalityText = row.text(table.column(u"MODALITY_DESCRIPTION"));
        const QString description = !bodySite.isEmpty() && !modalityText.isEmpty()
                                        ? QStringLiteral("%1 of %2").arg(modalityText, bodySite)
                                        : modalityText + bodySite;
        if (!description.isEmpty() && !study.description.split(QStringLiteral("; ")).contains(description)) {
            study.description += (study.description.isEmpty() ? QString() : QStringLiteral("; ")) + description;
        }
    });
    if (!status.ok()) return status.error();

    status = readPatientRows(state, allergiesSpec(), [&](const CsvTable &table, RowReader &row) {
        AllergyRecord allergy;
        allergy.recorded = row.dateTime(table.column(u"START"), true);
        row.dateTime(table.column(u"STOP"), false);  // checked, not kept (no field for it)
        if (!row.ok()) return;
        allergy.id = syntheticId(allergiesSpec(), table);
        allergy.code = codeOf(table, code_system::kSnomed);
        allergy.provenance = provenanceOf(table, QStringLiteral("AllergyIntolerance"), allergy.id);
        record.allergies << allergy;
        ++record.countsByType[QStringLiteral("AllergyIntolerance")];
    });
    if (!status.ok()) return status.error();

    status = readPatientRows(state, careplansSpec(), [&](const CsvTable &table, RowReader &row) {
        CarePlanRecord plan;
        plan.start = row.dateTime(table.column(u"START"), true);
        plan.end = row.dateTime(table.column(u"STOP"), false);
        if (!row.ok()) return;
        plan.id = row.text(table.column(u"Id"));
        if (plan.id.isEmpty()) plan.id = syntheticId(careplansSpec(), table);
        plan.category = codeOf(table, code_system::kSnomed);
        plan.title = plan.category.label();
        plan.status = plan.end.isValid() ? QStringLiteral("completed") : QStringLiteral("active");
        plan.provenance = provenanceOf(table, QStringLiteral("CarePlan"), plan.id);
        record.carePlans << plan;
        ++record.countsByType[QStringLiteral("CarePlan")];
    });
    if (!status.ok()) return status.error();

    if (context) context->setProgress(1.0, QStringLiteral("Read %1").arg(record.demographics.id));
    return std::move(state.record);
}

}  // namespace twin::ehr
