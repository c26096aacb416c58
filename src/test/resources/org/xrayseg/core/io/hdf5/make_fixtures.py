#!/usr/bin/env python3
"""Makes the small HDF5 files that Hdf5SliceSourceTest reads (kept in git beside this script).

jhdf 0.9.4 writes contiguous datasets only, so the chunked and compressed layouts
come from h5py. Debian: apt-get install python3-h5py; then run this script from
its folder with that Python (/usr/bin/python3 make_fixtures.py).

Every 3D dataset holds value(z, y, x) = 100 z + 10 y + x (z slowest), cast to its
type, in 5 slices of 6 rows of 7 columns.
"""
import h5py
import numpy as np

z, y, x = np.meshgrid(np.arange(5), np.arange(6), np.arange(7), indexing="ij")
value = 100 * z + 10 * y + x

with h5py.File("volume.h5", "w") as f:
    data = f.create_dataset("/exchange/data", data=value.astype(np.uint16), chunks=(2, 4, 4), compression="gzip")
    data.attrs["element_size_um"] = np.array([2.0, 0.5, 0.25])
    for name, dtype in [("uint8", np.uint8), ("uint16_big_endian", ">u2"), ("int16", np.int16),
                        ("uint32", np.uint32), ("float32", np.float32), ("float64", np.float64)]:
        f.create_dataset("/contiguous/" + name, data=value.astype(dtype))
    f.create_dataset("/chunked/float32_one_slice_per_chunk", data=value.astype(np.float32), chunks=(1, 6, 7))
    f.create_dataset("/chunked/uint8_shuffle_gzip", data=value.astype(np.uint8), chunks=(3, 3, 3),
                     shuffle=True, compression="gzip")
    f.create_dataset("/flat/image", data=value[0].astype(np.uint16))
    f.create_dataset("/other/int64", data=value.astype(np.int64))

with h5py.File("single.h5", "w") as f:
    f.create_dataset("/recon", data=value.astype(np.float32))
    f.create_dataset("/preview", data=value[2].astype(np.float32))
    for axis in "xy":
        size = f.create_dataset("/measurement/instrument/detector/actual_pixel_size_" + axis, data=0.65)
        size.attrs["units"] = "microns"
