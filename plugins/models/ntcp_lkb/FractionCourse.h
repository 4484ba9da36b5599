#pragma once
// FractionCourse: what has been delivered of a radiotherapy course, as the three sums that
// fully determine every bin's EQD2 (see LkbOrgan.h): the number of fractions, Σₖ aₖ and Σₖ aₖ²
// of the prescribed fraction doses aₖ (Gy). It also remembers whether every fraction so far had
// the same size, so that the dose-weighted fraction size Σaₖ²/Σaₖ is then that size exactly,
// not a ratio of two rounded sums: equal fractions then hit LkbOrgan's cache bit for bit.
//
// The state is five doubles (no NaN, so it survives JSON case files): count, Σa, Σa²,
// uniform flag (1/0) and the first fraction's size.

#include <cstddef>
#include <span>

namespace twin::models::ntcp_lkb {

class FractionCourse {
public:
    static constexpr std::size_t kStateSize = 5;

    void reset() { *this = FractionCourse{}; }

    void add(double amountGy) {
        if (count_ == 0.0) {
            firstGy_ = amountGy;
        } else if (amountGy != firstGy_) {
            uniform_ = false;
        }
        count_ += 1.0;
        sumGy_ += amountGy;
        sumSquaresGy2_ += amountGy * amountGy;
    }

    double count() const { return count_; }
    double totalGy() const { return sumGy_; }
    double sumSquaresGy2() const { return sumSquaresGy2_; }

    /// Σa²/Σa: the fraction size when all fractions are equal (exactly), 0 before any dose.
    double weightedFractionGy() const {
        if (uniform_) return count_ > 0.0 ? firstGy_ : 0.0;
        return sumGy_ > 0.0 ? sumSquaresGy2_ / sumGy_ : 0.0;
    }

    void write(std::span<double, kStateSize> out) const {
        out[0] = count_;
        out[1] = sumGy_;
        out[2] = sumSquaresGy2_;
        out[3] = uniform_ ? 1.0 : 0.0;
        out[4] = firstGy_;
    }

    void read(std::span<const double, kStateSize> in) {
        count_ = in[0];
        sumGy_ = in[1];
        sumSquaresGy2_ = in[2];
        uniform_ = in[3] != 0.0;
        firstGy_ = in[4];
    }

private:
    double count_ = 0.0;
    double sumGy_ = 0.0;
    double sumSquaresGy2_ = 0.0;
    bool uniform_ = true;
    double firstGy_ = 0.0;
};

}  // namespace twin::models::ntcp_lkb
