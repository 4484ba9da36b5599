#pragma once
// Result<T>: a value or an Error, never both. Modules return it instead of throwing across
// module boundaries; callers must look before they take the value (value() of an error
// throws std::bad_variant_access: a bug in the caller, not a way to report failure).

#include "twin/core/Error.h"

#include <utility>
#include <variant>

namespace twin::core {

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit
    Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(state_); }
    const T &value() const & { return std::get<0>(state_); }
    T &&value() && { return std::get<0>(std::move(state_)); }
    /// The error; on success a default Error, as for Result<void>, so that diagnostics such as
    /// QVERIFY2(r.ok(), qPrintable(r.error().message())), which evaluate it either way, are safe.
    const Error &error() const {
        if (const Error *error = std::get_if<1>(&state_)) return *error;
        static const Error none;
        return none;
    }

    T valueOr(T fallback) const { return ok() ? std::get<0>(state_) : std::move(fallback); }

private:
    std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit

    bool ok() const { return ok_; }
    explicit operator bool() const { return ok_; }
    const Error &error() const { return error_; }

private:
    Error error_;
    bool ok_ = true;
};

using Status = Result<void>;

}  // namespace twin::core
