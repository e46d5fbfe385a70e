"""Builds the milmob Python package with the project's own CMake build (docs/python.md).

    pip install --no-build-isolation .

configures a CMake build of its own (build/pip-cmake; only the module and the libraries it
links), builds the module and installs the CMake `python` component (module, stub, GDAL plugin,
shipped data) into the wheel. MILMOB_CMAKE_BUILD_DIR=build reuses a build already configured by
scripts/build instead (much faster). Nothing is downloaded: the Debian packages of
scripts/install-deps are all it needs.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


class CMakeExtension(Extension):
    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", str(os.cpu_count() or 2))
        build_dir = os.environ.get("MILMOB_CMAKE_BUILD_DIR")
        if build_dir:
            build_dir = Path(build_dir).resolve()
        else:
            build_dir = ROOT / "build" / "pip-cmake"
            subprocess.run(["cmake", "-S", str(ROOT), "-B", str(build_dir), "-DCMAKE_BUILD_TYPE=Release",
                            "-DMILMOB_TESTS=OFF", "-DMILMOB_BENCH=OFF", "-DMILMOB_PYTHON=ON",
                            f"-DPython3_EXECUTABLE={sys.executable}"], check=True)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "milmob_python", "-j", jobs], check=True)
        staging = Path(self.build_temp).resolve() / "cmake-install"
        shutil.rmtree(staging, ignore_errors=True)
        subprocess.run(["cmake", "--install", str(build_dir), "--component", "python", "--prefix", str(staging)],
                       check=True)
        installed = next(staging.rglob("milmob/__init__.py")).parent
        target = Path(self.get_ext_fullpath(ext.name)).parent
        shutil.copytree(installed, target, dirs_exist_ok=True)


setup(
    packages=["milmob"],
    package_dir={"milmob": "python/milmob"},
    package_data={"milmob": ["*.pyi", "py.typed"]},
    ext_modules=[CMakeExtension("milmob._milmob")],
    cmdclass={"build_ext": CMakeBuild},
    options={"build": {"build_base": "build/pip"}, "egg_info": {"egg_base": "build"}},
    zip_safe=False,
)
