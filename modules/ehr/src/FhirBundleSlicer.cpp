#include "twin/ehr/FhirBundleSlicer.h"

namespace twin::ehr {

namespace {

class Scanner {
public:
    explicit Scanner(QByteArrayView text) : text_(text) {}

    qsizetype position() const { return at_; }
    bool atEnd() const { return at_ >= text_.size(); }
    char peek() const { return atEnd() ? '\0' : text_.at(at_); }

    void skipBlanks() {
        while (!atEnd()) {
            const char c = text_.at(at_);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            ++at_;
        }
    }
    bool consume(char expected) {
        skipBlanks();
        if (peek() != expected) return false;
        ++at_;
        return true;
    }
    /// A string starting at the current '"'; its raw bytes (escapes kept) in `raw`.
    bool string(QByteArrayView *raw = nullptr) {
        if (peek() != '"') return false;
        const qsizetype start = ++at_;
        while (!atEnd()) {
            const char c = text_.at(at_);
            if (c == '\\') {
                at_ += 2;
                continue;
            }
            if (c == '"') {
                if (raw) *raw = text_.sliced(start, at_ - start);
                ++at_;
                return true;
            }
            ++at_;
        }
        return false;
    }
    /// Skips one value of any kind (not validated beyond strings and bracket balance).
    bool value() {
        skipBlanks();
        const char c = peek();
        if (c == '"') return string();
        if (c == '{' || c == '[') return nested();
        const qsizetype start = at_;
        while (!atEnd()) {
            const char d = text_.at(at_);
            if (d == ',' || d == '}' || d == ']' || d == ' ' || d == '\t' || d == '\n' || d == '\r') break;
            ++at_;
        }
        return at_ > start;
    }

private:
    bool nested() {
        int depth = 0;
        while (!atEnd()) {
            const char c = text_.at(at_);
            if (c == '"') {
                if (!string()) return false;
                continue;
            }
            if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    ++at_;
                    return true;
                }
                if (depth < 0) return false;
            }
            ++at_;
        }
        return false;
    }

    QByteArrayView text_;
    qsizetype at_ = 0;
};

}  // namespace

std::optional<FhirBundleSlices> FhirBundleSlicer::slice(QByteArrayView json) {
    Scanner scan(json);
    if (!scan.consume('{')) return std::nullopt;
    qsizetype arrayStart = -1;
    qsizetype arrayEnd = -1;
    FhirBundleSlices slices;
    bool first = true;
    while (true) {
        scan.skipBlanks();
        if (scan.peek() == '}') break;
        if (!first && !scan.consume(',')) return std::nullopt;
        first = false;
        scan.skipBlanks();
        QByteArrayView key;
        if (!scan.string(&key) || !scan.consume(':')) return std::nullopt;
        scan.skipBlanks();
        if (key == QByteArrayView("entry") && scan.peek() == '[') {
            if (arrayStart >= 0) return std::nullopt;  // two "entry" members: let the parser decide
            arrayStart = scan.position();
            scan.consume('[');
            scan.skipBlanks();
            if (scan.peek() != ']') {
                while (true) {
                    scan.skipBlanks();
                    const qsizetype start = scan.position();
                    if (!scan.value()) return std::nullopt;
                    slices.entries << json.sliced(start, scan.position() - start);
                    scan.skipBlanks();
                    if (scan.peek() == ']') break;
                    if (!scan.consume(',')) return std::nullopt;
                }
            }
            if (!scan.consume(']')) return std::nullopt;
            arrayEnd = scan.position();
        } else if (!scan.value()) {
            return std::nullopt;
        }
    }
    if (!scan.consume('}') || arrayStart < 0) return std::nullopt;
    scan.skipBlanks();
    if (!scan.atEnd()) return std::nullopt;
    slices.root.reserve(arrayStart + 2 + (json.size() - arrayEnd));
    slices.root.append(json.first(arrayStart).data(), arrayStart);
    slices.root.append("[]");
    slices.root.append(json.sliced(arrayEnd).data(), json.size() - arrayEnd);
    return slices;
}

}  // namespace twin::ehr
