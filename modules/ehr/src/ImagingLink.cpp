#include "twin/ehr/ImagingLink.h"

#include "twin/ehr/PatientRecord.h"

namespace twin::ehr {

namespace {

constexpr double kIdentifier = 1.0;
constexpr double kIdentifierContradicted = 0.95;
constexpr double kNameAndBirthDate = 0.8;
constexpr double kNameOnly = 0.3;
constexpr double kBirthDateOnly = 0.2;

QString dateText(const QDate &date) { return date.toString(Qt::ISODate); }

struct PersonName {
    QString family;            // comparable, spaces removed
    QStringList given;         // comparable words
    bool isEmpty() const { return family.isEmpty(); }
};

PersonName recordName(const Demographics &patient) {
    PersonName name;
    name.family = PatientMatcher::comparableName(patient.familyName).remove(QLatin1Char(' '));
    name.given = PatientMatcher::comparableName(patient.givenName).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return name;
}

/// DICOM PN: the first (alphabetic) component group, "Family^Given^Middle^Prefix^Suffix".
PersonName dicomName(const QString &pn) {
    const QStringList components = pn.section(QLatin1Char('='), 0, 0).split(QLatin1Char('^'));
    PersonName name;
    name.family = PatientMatcher::comparableName(components.value(0)).remove(QLatin1Char(' '));
    const QString given = components.value(1) + QLatin1Char(' ') + components.value(2);
    name.given = PatientMatcher::comparableName(given).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return name;
}

/// Equal families, and one list of given names starts with the other.
bool sameName(const PersonName &a, const PersonName &b) {
    if (a.isEmpty() || b.isEmpty() || a.family != b.family) return false;
    if (a.given.isEmpty() || b.given.isEmpty()) return false;
    const qsizetype shared = std::min(a.given.size(), b.given.size());
    for (qsizetype i = 0; i < shared; ++i) {
        if (a.given.at(i) != b.given.at(i)) return false;
    }
    return true;
}

QString recordNameText(const Demographics &patient) {
    return QStringLiteral("%1^%2").arg(patient.familyName, patient.givenName);
}

}  // namespace

QString PatientMatcher::comparableName(const QString &name) {
    const QString decomposed = name.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing || c.category() == QChar::Mark_SpacingCombining ||
            c.category() == QChar::Mark_Enclosing) {
            continue;  // the accent of a decomposed letter
        }
        if (c.isDigit()) continue;
        if (c == QLatin1Char('\'') || c == QChar(0x2019) || c == QChar(0x02BC) || c == QLatin1Char('`')) continue;
        if (c.isLetter()) {
            out += c.toCaseFolded();
        } else {
            out += QLatin1Char(' ');  // spaces, hyphens, carets, other punctuation separate words
        }
    }
    out.replace(QChar(0x00DF), QStringLiteral("ss"));  // ß, which simple case folding keeps
    return out.simplified();
}

QString PatientMatcher::dicomSex(const QString &administrativeGender) {
    const QString gender = administrativeGender.trimmed().toLower();
    if (gender == QStringLiteral("female")) return QStringLiteral("F");
    if (gender == QStringLiteral("male")) return QStringLiteral("M");
    if (gender == QStringLiteral("other")) return QStringLiteral("O");
    return {};
}

PatientMatch PatientMatcher::match(const Demographics &patient, const DicomPatientSummary &candidate) {
    PatientMatch result;

    // Identifier
    const QString dicomId = candidate.patientId.trimmed();
    bool identifierMatch = false;
    if (!dicomId.isEmpty()) {
        if (dicomId == patient.id.trimmed()) {
            identifierMatch = true;
            result.reasons << QStringLiteral("DICOM Patient ID equals the record's Patient.id");
        }
        for (const Identifier &identifier : patient.identifiers) {
            if (identifierMatch) break;
            if (dicomId == identifier.value.trimmed()) {
                identifierMatch = true;
                // The identifier's value is not repeated here: MRNs and SSNs stay out of shown text.
                result.reasons << QStringLiteral("DICOM Patient ID equals a record identifier%1")
                                      .arg(identifier.system.isEmpty() ? QString()
                                                                       : QStringLiteral(" (%1)").arg(identifier.system));
            }
        }
    }

    // Name and birth date
    const PersonName ours = recordName(patient);
    const PersonName theirs = dicomName(candidate.patientName);
    const bool nameMatch = sameName(ours, theirs);
    const bool haveBothDates = patient.birthDate && patient.birthDate->isValid() && candidate.birthDate.isValid();
    const bool birthDateMatch = haveBothDates && *patient.birthDate == candidate.birthDate;
    if (nameMatch) {
        result.reasons << QStringLiteral("name equal: record %1, DICOM %2").arg(recordNameText(patient), candidate.patientName);
    }
    if (birthDateMatch) result.reasons << QStringLiteral("birth date equal: %1").arg(dateText(candidate.birthDate));

    // Contradictions
    bool contradicted = false;
    if (haveBothDates && !birthDateMatch) {
        contradicted = true;
        result.warnings << QStringLiteral("birth date differs: record %1, DICOM %2")
                               .arg(dateText(*patient.birthDate), dateText(candidate.birthDate));
    }
    const QString ourSex = dicomSex(patient.sex);
    const QString theirSex = candidate.sex.trimmed().toUpper();
    if (!ourSex.isEmpty() && !theirSex.isEmpty() && ourSex != theirSex) {
        contradicted = true;
        result.warnings << QStringLiteral("sex differs: record %1 (%2), DICOM %3").arg(patient.sex.trimmed(), ourSex, theirSex);
    }
    if (identifierMatch && !ours.isEmpty() && !theirs.isEmpty() && !nameMatch) {
        result.warnings << QStringLiteral("name differs: record %1, DICOM %2").arg(recordNameText(patient), candidate.patientName);
    }

    if (identifierMatch) {
        result.basis = PatientMatch::Basis::Identifier;
        result.confidence = contradicted ? kIdentifierContradicted : kIdentifier;
    } else if (nameMatch && birthDateMatch) {
        result.basis = PatientMatch::Basis::NameAndBirthDate;
        result.confidence = kNameAndBirthDate;
    } else if (nameMatch) {
        result.basis = PatientMatch::Basis::NameOnly;
        result.confidence = kNameOnly;
    } else if (birthDateMatch) {
        result.basis = PatientMatch::Basis::BirthDateOnly;
        result.confidence = kBirthDateOnly;
    } else {
        result.reasons << QStringLiteral("no identifier, name or birth date in common");
    }
    return result;
}

QList<PatientMatch> PatientMatcher::matchAll(const Demographics &patient, const QList<DicomPatientSummary> &candidates) {
    QList<PatientMatch> matches;
    matches.reserve(candidates.size());
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        PatientMatch m = match(patient, candidates.at(i));
        m.candidateIndex = static_cast<int>(i);
        matches << m;
    }
    return matches;
}

int PatientMatcher::best(const QList<PatientMatch> &matches, double minimumConfidence) {
    int bestIndex = -1;
    for (qsizetype i = 0; i < matches.size(); ++i) {
        const double confidence = matches.at(i).confidence;
        if (confidence < minimumConfidence) continue;
        if (bestIndex < 0 || confidence > matches.at(bestIndex).confidence) bestIndex = static_cast<int>(i);
    }
    return bestIndex;
}

QList<ImagingStudyLink> linkImagingStudies(const PatientRecord &record, const QList<DicomPatientSummary> &summaries) {
    QList<ImagingStudyLink> links;
    for (const ImagingStudyRecord &study : record.imagingStudies) {
        ImagingStudyLink link;
        link.imagingStudyId = study.id;
        link.studyInstanceUid = study.studyInstanceUid.trimmed();
        link.provenance = study.provenance;
        if (link.studyInstanceUid.isEmpty()) {
            link.warnings << QStringLiteral("ImagingStudy/%1 has no Study Instance UID: it cannot be linked to loaded images")
                                 .arg(study.id);
            links << link;
            continue;
        }
        QList<int> holders;
        for (qsizetype i = 0; i < summaries.size(); ++i) {
            for (const QString &uid : summaries.at(i).studyInstanceUids) {
                if (uid.trimmed() == link.studyInstanceUid) {
                    holders << static_cast<int>(i);
                    break;
                }
            }
        }
        if (holders.isEmpty()) {
            links << link;
            continue;
        }
        link.summaryIndex = holders.first();
        if (holders.size() > 1) {
            QStringList ids;
            for (int holder : holders) ids << summaries.at(holder).patientId;
            link.warnings << QStringLiteral("study %1 is held by %2 loaded patients (Patient IDs %3); linked to the first")
                                 .arg(link.studyInstanceUid)
                                 .arg(holders.size())
                                 .arg(ids.join(QStringLiteral(", ")));
        }
        const DicomPatientSummary &holder = summaries.at(link.summaryIndex);
        const PatientMatch match = PatientMatcher::match(record.demographics, holder);
        for (const QString &warning : match.warnings) {
            link.warnings << QStringLiteral("DICOM patient %1 holding this study: %2").arg(holder.patientId, warning);
        }
        if (match.confidence < kNameAndBirthDate) {
            link.warnings << QStringLiteral("DICOM patient %1 holding this study does not match the record (confidence %2)")
                                 .arg(holder.patientId)
                                 .arg(match.confidence, 0, 'f', 2);
        }
        links << link;
    }
    return links;
}

}  // namespace twin::ehr
