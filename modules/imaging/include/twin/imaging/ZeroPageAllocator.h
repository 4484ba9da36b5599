#pragma once
// An allocator for large zero-initialised buffers (masks of whole volumes): memory comes from
// calloc, which for large blocks maps fresh zero pages instead of writing zeros, and elements
// are default-initialised, so std::vector does not memset either. A 512×512×300 mask costs
// nothing until a page is touched; a region growing that fills a lung touches only the pages
// around the lung (the 78 MB memset was most of the time of a compact region).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <utility>
#include <vector>

namespace twin::imaging {

template <class T>
struct ZeroPageAllocator {
    using value_type = T;
    ZeroPageAllocator() = default;
    template <class U>
    ZeroPageAllocator(const ZeroPageAllocator<U> &) noexcept {}
    T *allocate(std::size_t n) {
        if (void *p = std::calloc(n, sizeof(T))) return static_cast<T *>(p);
        throw std::bad_alloc();
    }
    void deallocate(T *p, std::size_t) noexcept { std::free(p); }
    template <class U>
    void construct(U *p) noexcept {
        ::new (static_cast<void *>(p)) U;  // default-init: calloc already zeroed it
    }
    template <class U, class... Args>
    void construct(U *p, Args &&...args) {
        ::new (static_cast<void *>(p)) U(std::forward<Args>(args)...);
    }
    template <class U>
    bool operator==(const ZeroPageAllocator<U> &) const noexcept { return true; }
};

/// A whole-volume mask (1 inside, 0 outside), zero until written.
using VolumeMask = std::vector<std::uint8_t, ZeroPageAllocator<std::uint8_t>>;

}  // namespace twin::imaging
