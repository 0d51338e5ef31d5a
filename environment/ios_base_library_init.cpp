// Defines std::ios_base_library_init(), which GCC 13's libstdc++ exports (GLIBCXX_3.4.32) and
// TorchSharp 0.107.0's libLibTorchSharp.so references. GCC 12's libstdc++ (Debian 12) lacks it.
// All the function has to do is make sure the standard streams are initialised, which
// constructing a static std::ios_base::Init does. See environment/torch_native_fix.py.
#include <ios>

namespace std {
void ios_base_library_init() {
    static ios_base::Init init;
}
}
