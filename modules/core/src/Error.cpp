#include "twin/core/Error.h"

#include <QStringList>

namespace twin::core {

Error &Error::inFile(QString path) & {
    file_ = std::move(path);
    return *this;
}
Error Error::inFile(QString path) && { return std::move(inFile(std::move(path))); }

Error &Error::atTag(QString tag) & {
    tag_ = std::move(tag);
    return *this;
}
Error Error::atTag(QString tag) && { return std::move(atTag(std::move(tag))); }

Error &Error::atField(QString field) & {
    field_ = std::move(field);
    return *this;
}
Error Error::atField(QString field) && { return std::move(atField(std::move(field))); }

QString Error::message() const {
    QStringList parts;
    for (const QString *part : {&file_, &tag_, &field_}) {
        if (!part->isEmpty()) parts << *part;
    }
    parts << (what_.isEmpty() ? codeName(code_) : what_);
    return parts.join(QStringLiteral(": "));
}

QString Error::codeName(Code code) {
    switch (code) {
    case Code::InvalidInput: return QStringLiteral("invalid input");
    case Code::NotFound: return QStringLiteral("not found");
    case Code::Io: return QStringLiteral("input/output error");
    case Code::Unsupported: return QStringLiteral("unsupported");
    case Code::Cancelled: return QStringLiteral("cancelled");
    case Code::Internal: return QStringLiteral("internal error");
    }
    return QStringLiteral("error");
}

}  // namespace twin::core
