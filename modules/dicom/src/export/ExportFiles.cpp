#include "ExportFiles.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace twin::dicom::exportfiles {

QString newUid() {
    const QByteArray bytes = QUuid::createUuid().toRfc4122();
    std::array<unsigned, 16> number{};
    for (int i = 0; i < 16; ++i) number[static_cast<std::size_t>(i)] = static_cast<unsigned char>(bytes[i]);
    QString digits;
    bool nonZero = true;
    while (nonZero) {
        unsigned remainder = 0;
        nonZero = false;
        for (unsigned &byte : number) {
            const unsigned value = remainder * 256u + byte;
            byte = value / 10u;
            remainder = value % 10u;
            nonZero = nonZero || byte != 0;
        }
        digits.prepend(QChar(u'0' + static_cast<char16_t>(remainder)));
    }
    return QStringLiteral("2.25.") + digits;
}

QString temporaryPathFor(const QString &path) {
    const QFileInfo info(path);
    return info.absoluteDir().filePath(QStringLiteral(".%1.%2.tmp")
                                           .arg(info.fileName(), QUuid::createUuid().toString(QUuid::Id128).left(12)));
}

core::Status commit(const QString &temporary, const QString &path) {
    if (std::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(path).constData()) != 0) {
        const QString why = QString::fromLocal8Bit(std::strerror(errno));
        QFile::remove(temporary);
        return core::Error::io(QStringLiteral("cannot replace the file: %1").arg(why)).inFile(path);
    }
    return {};
}

core::Error discard(const QString &temporary, core::Error error) {
    QFile::remove(temporary);
    return error;
}

}  // namespace twin::dicom::exportfiles
