#pragma once
// Refuses, before DCMTK parses them, DICOM files whose structure would crash or exhaust it:
// sequences nested deeper than any real object, and in deflated datasets (which DCMTK reads
// into memory value by value) values declared longer than the data or an inflation bomb.
//
// DCMTK 3.6.7 reads sequences recursively with no depth limit: a 3.6 MB file of 100,000
// nested empty sequences overflows the stack (dcmdump and, before this guard, `didymos-cli
// dicom scan` died with SIGSEGV). This walk reads only element headers (tag, VR, length),
// skips every value, and keeps its own stack, so its cost is a few hundred small reads per
// file and its memory is bounded by the depth limit. It follows what DCMTK will do: explicit
// and implicit VR, little and big endian, deflated datasets (inflated as they are read, in
// 64 KiB steps), items of defined and undefined length, UN elements that DCMTK re-reads as
// sequences (CP-246), and encapsulated pixel data (fragments skipped).
//
// In a deflated dataset DCMTK allocates each value's declared length before reading it (a
// 6.7 KB fuzzer input asked for 3.1 GB), so there a value longer than what follows, or a
// dataset of more than 16 MiB inflated, is refused. Anything else the walk cannot follow
// (truncation, garbage) ends it without a verdict: DCMTK then reports it as it always did.

#include "twin/core/Result.h"

#include <QString>

namespace twin::dicom {

class DicomStructureGuard {
public:
    /// Deepest sequence nesting accepted. Real objects stay far below: enhanced multi-frame
    /// functional groups reach 4, structured-report content trees rarely 20; DCMTK itself
    /// survives some thousands of levels on an 8 MiB stack, so 128 leaves a wide margin.
    static constexpr int kMaxSequenceDepth = 128;
    /// Most data elements (headers, items and delimiters included) accepted in one file. DCMTK
    /// builds an object per element and spends ~2 us on each: a 30 KB deflated file of 4
    /// million empty elements (libFuzzer) took 4 s per read, and one of 1.9 million (under an
    /// earlier cap of 2 million) 3.5 s. Large real objects stay well below: a 10,000-frame SEG
    /// with per-frame functional groups holds about 300,000.
    static constexpr int kMaxElements = 1'000'000;
    /// The same for a deflated dataset, where a few KB inflate to millions of elements (fuzzed
    /// files of 8 KB just under the cap above still took 2-4 s per read). Deflated objects are
    /// small structured documents and single images in practice.
    static constexpr int kMaxDeflatedElements = 100'000;

    /// Ok, or an error naming the file, what is wrong and its byte offset.
    static core::Status check(const QString &path);
};

}  // namespace twin::dicom
