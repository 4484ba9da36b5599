#pragma once
// An allocator for large zero-initialised buffers (masks of whole volumes): memory comes from
// calloc, which for large blocks maps fresh zero pages instead of writing zeros, and elements
// are default-initialised, so std::vector does not memset either. A 512×512×300 mask costs
// nothing until a page is touched; a region growing that fills a lung touches only the pages
// around the lung (the 78 MB memset was most of the time of a compact region).
//
// Blocks of 8 MiB and more are mapped directly and marked for transparent huge pages
// (madvise; Debian's default THP mode): a region that touches most of a 78 MB mask then
// takes ~40 faults of 2 MiB instead of ~19,000 of 4 KiB, which on a virtual machine was most
// of the region grower's time (BenchRegionGrowing, soft tissue: see the closing notes).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <utility>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace twin::imaging {

template <class T>
struct ZeroPageAllocator {
    using value_type = T;
    ZeroPageAllocator() = default;
    template <class U>
    ZeroPageAllocator(const ZeroPageAllocator<U> &) noexcept {}
    static constexpr std::size_t kHugeBytes = std::size_t(8) << 20;

    T *allocate(std::size_t n) {
#if defined(__linux__)
        if (n >= kHugeBytes / sizeof(T)) {
            void *p = mmap(nullptr, n * sizeof(T), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (p == MAP_FAILED) throw std::bad_alloc();
            madvise(p, n * sizeof(T), MADV_HUGEPAGE);  // a hint: without THP the pages are small, still zero
            return static_cast<T *>(p);
        }
#endif
        if (void *p = std::calloc(n, sizeof(T))) return static_cast<T *>(p);
        throw std::bad_alloc();
    }
    void deallocate(T *p, std::size_t n) noexcept {
#if defined(__linux__)
        if (n >= kHugeBytes / sizeof(T)) {
            munmap(p, n * sizeof(T));
            return;
        }
#endif
        std::free(p);
    }
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
