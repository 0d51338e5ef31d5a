#!/usr/bin/env python3
"""Make TorchSharp's native libraries load, and run fast, on this Debian 12 image.

Two independent, idempotent fixes applied to the copies of the native libraries in a build
output folder (never to the NuGet cache):

1. libLibTorchSharp.so from TorchSharp 0.107.0 was linked against GCC 13's libstdc++ and asks for
   GLIBCXX_3.4.32 for one symbol only, std::ios_base_library_init(). Debian 12 ships GCC 12's
   libstdc++ (up to GLIBCXX_3.4.30), so the dlopen fails. Fix (issue 3, measured there):
     a. patchelf --clear-symbol-version _ZSt21ios_base_library_initv
     b. patchelf --add-needed a tiny shim library (built here with g++) that defines the symbol;
        it is found through libLibTorchSharp.so's existing RUNPATH $ORIGIN
     c. mark the GLIBCXX_3.4.32 entry of .gnu.version_r as weak (VER_FLG_WEAK = 0x2), so the
        loader no longer insists on that version.
   On a machine whose libstdc++ already has GLIBCXX_3.4.32 nothing is done.

2. libtorch_cpu.so links Intel MKL, which takes slow code paths on non-Intel processors. MKL
   asks mkl_serv_intel_cpu_true() / mkl_serv_intel_cpu(); on an AMD processor we patch both
   function bodies to `mov eax, 1; ret`. Measured on the AMD EPYC of this project's machines:
   BERT-base forward on a 512-token note 0.69 s -> 0.33 s, float32 results unchanged to 1e-4.
   Opt out with DISTILL_MKL_VENDOR_PATCH=0 (environment) or -p:MklVendorPatch=false (MSBuild);
   opting out restores the original bytes. A marker file `libtorch_cpu.so.mkl-vendor-patch.json`
   records what was done, so programs can report which path is active.

After patching, each file keeps its original modification time so that MSBuild's incremental
copy (which compares size and time) does not copy the unpatched file back over it.

Usage: torch_native_fix.py <output-dir> [--mkl on|off|auto] [--quiet]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHIM_NAME = "libdistill_ios_base_init.so"
SHIM_SOURCE = os.path.join(HERE, "ios_base_library_init.cpp")
MISSING_VERSION = b"GLIBCXX_3.4.32"
MISSING_SYMBOL = "_ZSt21ios_base_library_initv"
MKL_SYMBOLS = ("mkl_serv_intel_cpu_true", "mkl_serv_intel_cpu")
RETURN_ONE = bytes([0xB8, 0x01, 0x00, 0x00, 0x00, 0xC3])  # mov eax, 1; ret
MARKER_SUFFIX = ".mkl-vendor-patch.json"

SHT_DYNSYM = 11
SHT_GNU_VERNEED = 0x6FFFFFFE
VER_FLG_WEAK = 0x2

quiet = False


def say(msg: str) -> None:
    if not quiet:
        print(f"[torch-native-fix] {msg}", flush=True)


# ---------------------------------------------------------------- minimal ELF64 little-endian reader
class Elf:
    def __init__(self, path: str):
        self.path = path
        with open(path, "rb") as f:
            head = f.read(64)
            if head[:4] != b"\x7fELF" or head[4] != 2 or head[5] != 1:
                raise SystemExit(f"{path}: not a 64-bit little-endian ELF file")
            (self.shoff,) = struct.unpack_from("<Q", head, 0x28)
            (self.phoff,) = struct.unpack_from("<Q", head, 0x20)
            self.phentsize, self.phnum, self.shentsize, self.shnum = struct.unpack_from("<HHHH", head, 0x36)
            f.seek(self.shoff)
            raw = f.read(self.shentsize * self.shnum)
            self.sections = []
            for i in range(self.shnum):
                name, typ, flags, addr, off, size, link, info, align, entsize = struct.unpack_from(
                    "<IIQQQQIIQQ", raw, i * self.shentsize)
                self.sections.append(dict(type=typ, addr=addr, offset=off, size=size, link=link, entsize=entsize))
            f.seek(self.phoff)
            raw = f.read(self.phentsize * self.phnum)
            self.segments = []
            for i in range(self.phnum):
                typ, flags, off, vaddr, paddr, filesz, memsz, align = struct.unpack_from("<IIQQQQQQ", raw, i * self.phentsize)
                self.segments.append(dict(type=typ, offset=off, vaddr=vaddr, filesz=filesz))

    def read(self, offset: int, size: int) -> bytes:
        with open(self.path, "rb") as f:
            f.seek(offset)
            return f.read(size)

    def section_of_type(self, typ: int):
        return next((s for s in self.sections if s["type"] == typ), None)

    def string(self, strtab, index: int) -> bytes:
        data = self.read(strtab["offset"] + index, 256)
        return data[: data.index(b"\0")]

    def vaddr_to_offset(self, vaddr: int) -> int:
        for seg in self.segments:
            if seg["type"] == 1 and seg["vaddr"] <= vaddr < seg["vaddr"] + seg["filesz"]:
                return vaddr - seg["vaddr"] + seg["offset"]
        raise SystemExit(f"{self.path}: address {vaddr:#x} is not in a loaded segment")

    def dynamic_symbols(self, wanted) -> dict:
        dynsym = self.section_of_type(SHT_DYNSYM)
        strtab = self.sections[dynsym["link"]]
        data = self.read(dynsym["offset"], dynsym["size"])
        names = self.read(strtab["offset"], strtab["size"])
        found = {}
        for i in range(dynsym["size"] // 24):
            st_name, st_info, st_other, st_shndx, st_value, st_size = struct.unpack_from("<IBBHQQ", data, i * 24)
            end = names.index(b"\0", st_name)
            name = names[st_name:end].decode()
            if name in wanted and st_shndx != 0:
                found[name] = (st_value, st_size)
        return found

    def verneed_entries(self):
        """Yields (file offset of vna_flags, version name, flags) for every Vernaux entry."""
        sec = self.section_of_type(SHT_GNU_VERNEED)
        if sec is None:
            return
        strtab = self.sections[sec["link"]]
        data = self.read(sec["offset"], sec["size"])
        pos = 0
        while True:
            vn_version, vn_cnt, vn_file, vn_aux, vn_next = struct.unpack_from("<HHIII", data, pos)
            aux = pos + vn_aux
            for _ in range(vn_cnt):
                vna_hash, vna_flags, vna_other, vna_name, vna_next = struct.unpack_from("<IHHII", data, aux)
                yield sec["offset"] + aux + 4, self.string(strtab, vna_name), vna_flags
                if vna_next == 0:
                    break
                aux += vna_next
            if vn_next == 0:
                break
            pos += vn_next


def keep_mtime(path: str):
    st = os.stat(path)
    return lambda: os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


# ---------------------------------------------------------------- fix 1: GLIBCXX_3.4.32
def system_libstdcxx_has(version: bytes) -> bool:
    try:
        out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        out = ""
    paths = [line.split("=>")[-1].strip() for line in out.splitlines() if "libstdc++.so.6 " in line and "x86-64" in line]
    paths += ["/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6"]
    for p in paths:
        if os.path.exists(p):
            with open(p, "rb") as f:
                return version + b"\0" in f.read()
    return False


def ensure_tool(tool: str, apt_package: str) -> str:
    found = shutil.which(tool)
    if found:
        return found
    say(f"{tool} not found; installing Debian package '{apt_package}'")
    apt = ["apt-get"] if os.geteuid() == 0 else ["sudo", "-n", "apt-get"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(apt + ["install", "-y", "-q", apt_package], check=False, env=env,
                   stdout=subprocess.DEVNULL if quiet else None)
    found = shutil.which(tool)
    if not found:
        subprocess.run(apt + ["update", "-q"], check=False, env=env, stdout=subprocess.DEVNULL)
        subprocess.run(apt + ["install", "-y", "-q", apt_package], check=False, env=env, stdout=subprocess.DEVNULL)
        found = shutil.which(tool)
    if not found:
        raise SystemExit(f"'{tool}' is needed to patch libLibTorchSharp.so; install it with: apt-get install {apt_package}")
    return found


def build_shim(out_dir: str) -> None:
    target = os.path.join(out_dir, SHIM_NAME)
    if os.path.exists(target) and os.path.getmtime(target) >= os.path.getmtime(SHIM_SOURCE):
        return
    gxx = ensure_tool("g++", "g++")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_out = os.path.join(tmp, SHIM_NAME)
        subprocess.run([gxx, "-shared", "-fPIC", "-O2", "-o", tmp_out, SHIM_SOURCE], check=True)
        shutil.move(tmp_out, target)
    say(f"built {target}")


def fix_glibcxx(lib: str) -> None:
    elf = Elf(lib)
    pending = [(off, name, flags) for off, name, flags in elf.verneed_entries()
               if name == MISSING_VERSION and not flags & VER_FLG_WEAK]
    if not pending:
        return  # never needed it, or already patched
    if system_libstdcxx_has(MISSING_VERSION):
        say(f"{lib}: system libstdc++ provides {MISSING_VERSION.decode()}; no patch needed")
        return
    restore = keep_mtime(lib)
    patchelf = ensure_tool("patchelf", "patchelf")
    build_shim(os.path.dirname(lib))
    subprocess.run([patchelf, "--clear-symbol-version", MISSING_SYMBOL, lib], check=True)
    needed = subprocess.run([patchelf, "--print-needed", lib], capture_output=True, text=True, check=True).stdout.split()
    if SHIM_NAME not in needed:
        subprocess.run([patchelf, "--add-needed", SHIM_NAME, lib], check=True)
    # patchelf may have moved sections: read the layout again before flipping the flag.
    elf = Elf(lib)
    with open(lib, "r+b") as f:
        for off, name, flags in elf.verneed_entries():
            if name == MISSING_VERSION:
                f.seek(off)
                f.write(struct.pack("<H", flags | VER_FLG_WEAK))
    restore()
    say(f"{lib}: {MISSING_VERSION.decode()} made weak, {MISSING_SYMBOL} unversioned, {SHIM_NAME} added as needed")


# ---------------------------------------------------------------- fix 2: MKL vendor check
def cpu_vendor() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("vendor_id"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def fix_mkl(lib: str, mode: str) -> None:
    marker = lib + MARKER_SUFFIX
    vendor = cpu_vendor()
    want = mode == "on" or (mode == "auto" and vendor == "AuthenticAMD")
    elf = Elf(lib)
    symbols = elf.dynamic_symbols(set(MKL_SYMBOLS))
    if not symbols:
        say(f"{lib}: no MKL vendor check symbols; nothing to do")
        return
    state = {}
    if os.path.exists(marker):
        with open(marker) as f:
            state = json.load(f)
    offsets = {name: elf.vaddr_to_offset(value) for name, (value, _) in symbols.items()}
    current = {name: elf.read(off, len(RETURN_ONE)) for name, off in offsets.items()}
    patched = all(b == RETURN_ONE for b in current.values())
    restore = keep_mtime(lib)
    if want and not patched:
        originals = {name: state.get("original", {}).get(name) or current[name].hex() for name in offsets}
        with open(lib, "r+b") as f:
            for name, off in offsets.items():
                f.seek(off)
                f.write(RETURN_ONE)
        restore()
        write_marker(marker, dict(patched=True, cpu_vendor=vendor, symbols={n: hex(o) for n, o in offsets.items()},
                                  original=originals))
        say(f"{lib}: MKL vendor check patched to report an Intel CPU (cpu vendor {vendor}); opt out with DISTILL_MKL_VENDOR_PATCH=0")
    elif not want and patched:
        originals = state.get("original")
        if not originals:
            raise SystemExit(f"{lib}: MKL vendor check is patched but {marker} with the original bytes is missing; "
                             "delete the file and rebuild to get a fresh copy")
        with open(lib, "r+b") as f:
            for name, off in offsets.items():
                f.seek(off)
                f.write(bytes.fromhex(originals[name]))
        restore()
        write_marker(marker, dict(patched=False, cpu_vendor=vendor, symbols={n: hex(o) for n, o in offsets.items()},
                                  original=originals))
        say(f"{lib}: MKL vendor check restored to the original (mode {mode}, cpu vendor {vendor})")
    elif not os.path.exists(marker) or state.get("patched") != patched:
        write_marker(marker, dict(patched=patched, cpu_vendor=vendor, symbols={n: hex(o) for n, o in offsets.items()},
                                  original=state.get("original", {})))


def write_marker(path: str, content: dict) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(content, f, indent=2)
    os.replace(tmp, path)


def main() -> int:
    global quiet
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("output_dir")
    parser.add_argument("--mkl", choices=["on", "off", "auto"], default=None)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    quiet = args.quiet
    mode = args.mkl or {"0": "off", "false": "off", "off": "off", "1": "on", "true": "on", "on": "on"}.get(
        os.environ.get("DISTILL_MKL_VENDOR_PATCH", "auto").lower(), "auto")
    if not sys.platform.startswith("linux"):
        return 0
    for root, _dirs, files in os.walk(args.output_dir):
        for name in files:
            path = os.path.join(root, name)
            if name == "libLibTorchSharp.so":
                fix_glibcxx(path)
            elif name == "libtorch_cpu.so":
                fix_mkl(path, mode)
    return 0


if __name__ == "__main__":
    sys.exit(main())
