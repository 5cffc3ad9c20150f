// A libharu document that owns its handle and turns libharu errors into ep::Error.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <hpdf.h>

namespace ep::pdf {

class HpdfDoc {
public:
    HpdfDoc();
    ~HpdfDoc();
    HpdfDoc(const HpdfDoc&) = delete;
    HpdfDoc& operator=(const HpdfDoc&) = delete;

    HPDF_Doc get() const { return pdf_; }

    // Throws ep::Error if libharu reported an error since the last check. libharu is C and
    // calls its error handler from deep inside; we record the error there and throw here,
    // so no C++ exception ever unwinds through C frames.
    void check(std::string_view doing);

    // The finished file as bytes (saved to a memory stream, so nothing touches the disk).
    std::vector<unsigned char> save_to_memory();

    struct ErrorState {
        bool failed = false;
        HPDF_STATUS code = 0;
        HPDF_STATUS detail = 0;
    };

private:
    HPDF_Doc pdf_ = nullptr;
    ErrorState error_;
};

}  // namespace ep::pdf
