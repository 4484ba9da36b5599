#pragma once
// An error that names what is at fault: the file, the DICOM tag or the data field.
// Messages read as "<file>: <tag>: <field>: <what happened>", skipping absent parts, so a
// clinician or a support engineer can find the culprit without a debugger.

#include <QString>

namespace twin::core {

class Error {
public:
    enum class Code {
        InvalidInput,  // the data is malformed or out of range
        NotFound,      // a file, resource or reference does not exist
        Io,            // the operating system refused a read or a write
        Unsupported,   // valid input we do not handle (e.g. a transfer syntax)
        Cancelled,     // the user cancelled
        Internal,      // a bug: an invariant of ours did not hold
    };

    Error() = default;
    Error(Code code, QString what) : code_(code), what_(std::move(what)) {}

    static Error invalidInput(QString what) { return {Code::InvalidInput, std::move(what)}; }
    static Error notFound(QString what) { return {Code::NotFound, std::move(what)}; }
    static Error io(QString what) { return {Code::Io, std::move(what)}; }
    static Error unsupported(QString what) { return {Code::Unsupported, std::move(what)}; }
    static Error cancelled() { return {Code::Cancelled, QStringLiteral("cancelled by the user")}; }
    static Error internal(QString what) { return {Code::Internal, std::move(what)}; }

    // The && overloads return by value, so `const Error &e = Error::io(x).inFile(p);` does not
    // dangle; the & overloads modify and return the error in place.
    /// The file at fault (shown first).
    Error &inFile(QString path) &;
    Error inFile(QString path) &&;
    /// The DICOM tag at fault, e.g. "(0028,0010) Rows".
    Error &atTag(QString tag) &;
    Error atTag(QString tag) &&;
    /// The field at fault, e.g. "Bundle.entry[3].resource.valueQuantity" or "patients.csv row 12".
    Error &atField(QString field) &;
    Error atField(QString field) &&;

    Code code() const { return code_; }
    const QString &file() const { return file_; }
    const QString &tag() const { return tag_; }
    const QString &field() const { return field_; }
    const QString &what() const { return what_; }

    /// One line: "<file>: <tag>: <field>: <what>".
    QString message() const;
    static QString codeName(Code code);

private:
    Code code_ = Code::Internal;
    QString what_;
    QString file_;
    QString tag_;
    QString field_;
};

}  // namespace twin::core
