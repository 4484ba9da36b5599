#include "twin/ehr/FhirPatientMapper.h"

#include "twin/ehr/FhirValueParser.h"

namespace twin::ehr {

using namespace Qt::StringLiterals;

namespace {

FhirFieldReader chooseName(const QList<FhirFieldReader> &names) {
    for (const char *use : {"official", "usual"}) {
        for (const FhirFieldReader &name : names) {
            if (name.raw("use"_L1).toString() == QLatin1StringView(use)) return name;
        }
    }
    return names.first();
}

}  // namespace

core::Result<Demographics> FhirPatientMapper::map(const QJsonObject &resource, const FhirEntryContext &context) {
    const FhirFieldReader r(resource);
    Demographics demographics;
    demographics.id = r.string("id"_L1);
    for (const FhirFieldReader &identifier : r.objects("identifier"_L1)) {
        const QString value = identifier.string("value"_L1);
        if (!value.isEmpty()) demographics.identifiers.append({identifier.string("system"_L1), value});
    }
    const QList<FhirFieldReader> names = r.objects("name"_L1);
    if (!names.isEmpty()) {
        const FhirFieldReader name = chooseName(names);
        // R4 family is a string; DSTU2 wrote an array, which is still seen in the wild.
        const QJsonValue family = name.raw("family"_L1);
        demographics.familyName = family.isArray() ? name.strings("family"_L1).join(QLatin1Char(' '))
                                                   : name.string("family"_L1);
        demographics.givenName = name.strings("given"_L1).join(QLatin1Char(' '));
        name.string("text"_L1);
    }
    const QString gender = r.string("gender"_L1);
    if (gender == QLatin1String("male") || gender == QLatin1String("female") || gender == QLatin1String("other") ||
        gender == QLatin1String("unknown")) {
        demographics.sex = gender;
    } else if (!gender.isEmpty()) {
        context.note(QStringLiteral("gender"),
                     QStringLiteral("\"%1\" is not a FHIR administrative gender (male, female, other, unknown); "
                                    "sex left unknown").arg(gender.left(40)));
    }
    demographics.birthDate = FhirValueParser::date(r, "birthDate"_L1);
    if (r.has("deceasedDateTime"_L1)) {
        const QDateTime deceased = FhirValueParser::dateTime(r, "deceasedDateTime"_L1);
        if (deceased.isValid()) demographics.deceasedDate = deceased.date();
    }
    if (r.failed()) return r.error();
    demographics.provenance = context.provenance();
    return demographics;
}

}  // namespace twin::ehr
