#include "PhantomUids.h"

#include <QByteArray>

#include <algorithm>
#include <array>

namespace twin::phantom {

namespace {

// The namespace of every Didymos demo patient UUID (itself a random, fixed version 4 UUID).
const QUuid kNamespace(QStringLiteral("{6f1c2a8e-3d5b-4c9a-9e27-5b0d4a7c1e93}"));

}  // namespace

PhantomUids::PhantomUids(QString datasetKey) : datasetKey_(std::move(datasetKey)) {}

QUuid PhantomUids::named(const QString &role) const {
    return QUuid::createUuidV5(kNamespace, datasetKey_ + QLatin1Char('/') + role);
}

QString PhantomUids::uid(const QString &role) const {
    return QStringLiteral("2.25.") + toDecimal(named(role));
}

QString PhantomUids::uuid(const QString &role) const {
    return named(role).toString(QUuid::WithoutBraces);
}

QString PhantomUids::toDecimal(const QUuid &uuid) {
    const QByteArray bytes = uuid.toRfc4122();  // 16 bytes, most significant first
    std::array<unsigned, 16> number{};
    for (int i = 0; i < 16; ++i) number[static_cast<std::size_t>(i)] = static_cast<unsigned char>(bytes[i]);
    QString digits;
    // Long division by 10 until the number is zero; digits come out least significant first.
    while (std::any_of(number.begin(), number.end(), [](unsigned byte) { return byte != 0; })) {
        unsigned remainder = 0;
        for (unsigned &byte : number) {
            const unsigned value = remainder * 256u + byte;
            byte = value / 10u;
            remainder = value % 10u;
        }
        digits.prepend(QChar(u'0' + static_cast<char16_t>(remainder)));
    }
    return digits.isEmpty() ? QStringLiteral("0") : digits;
}

}  // namespace twin::phantom
