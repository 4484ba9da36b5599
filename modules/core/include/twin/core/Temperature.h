#pragma once
// Temperature: an absolute thermodynamic temperature (body temperature, room temperature).
//
// Degrees Celsius and Fahrenheit are affine scales: 0 °C is not "no temperature", so 20 °C is
// not twice 10 °C and "°C per hour" is a statement about differences. That is why absolute
// temperatures are not a Quantity (whose arithmetic assumes a true zero): Temperature stores
// kelvin and converts at the edges, and offers no arithmetic beyond comparison.
//
//   Temperature::fromFahrenheit(98.6).celsius()  == 37.0
//   UnitRegistry::ucum().temperature(38.5, "Cel")  -> Result<Temperature>
//
// Definitions: K = °C + 273.15 (exact, SI Brochure 9th ed. §2.3.1);
//              °F = °C × 9/5 + 32, i.e. K = (°F + 459.67) × 5/9 (exact, NIST SP 811 B.8).

#include <compare>

namespace twin::core {

class Temperature {
public:
    /// Kelvin value of 0 °C.
    static constexpr double kCelsiusZeroInKelvin = 273.15;
    /// Fahrenheit value of 0 K.
    static constexpr double kAbsoluteZeroInFahrenheit = -459.67;

    /// Absolute zero.
    constexpr Temperature() = default;

    static constexpr Temperature fromKelvin(double kelvin) {
        Temperature t;
        t.kelvin_ = kelvin;
        return t;
    }
    static constexpr Temperature fromCelsius(double celsius) { return fromKelvin(celsius + kCelsiusZeroInKelvin); }
    static constexpr Temperature fromFahrenheit(double fahrenheit) {
        return fromKelvin((fahrenheit - kAbsoluteZeroInFahrenheit) * 5.0 / 9.0);
    }

    constexpr double kelvin() const { return kelvin_; }
    constexpr double celsius() const { return kelvin_ - kCelsiusZeroInKelvin; }
    constexpr double fahrenheit() const { return kelvin_ * 9.0 / 5.0 + kAbsoluteZeroInFahrenheit; }

    constexpr bool operator==(const Temperature &) const = default;
    constexpr auto operator<=>(const Temperature &) const = default;

private:
    double kelvin_ = 0.0;
};

}  // namespace twin::core
