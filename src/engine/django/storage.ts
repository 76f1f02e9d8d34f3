/**
 * django.core.files.storage, as far as models need it: `FileField(storage=...)` takes a storage
 * instance or a callable returning one, and migrations write the instance the way it was built
 * (`django.core.files.storage.FileSystemStorage(base_url='/files/', location='/srv/files')`).
 * The sandbox has no media files, so storages only remember their arguments.
 */
import { type Kwargs, type PyClass, type PyValue, None, objectClass } from '../python/objects.ts';
import { bindArgs } from '../python/signature.ts';
import { DeconstructibleObject, nativeClass } from '../state/expressions.ts';

class Storage extends DeconstructibleObject {}

const MODULE = 'django.core.files.storage';

const StorageClass = nativeClass('Storage', `${MODULE}.base`, (cls, args, kwargs) => new Storage(cls, args, kwargs), { bases: [objectClass] });

const FileSystemStorageClass: PyClass = nativeClass(
  'FileSystemStorage',
  `${MODULE}.filesystem`,
  (cls: PyClass, args: PyValue[], kwargs: Kwargs) => {
    bindArgs(
      {
        name: 'FileSystemStorage.__init__',
        params: [
          ['location', None],
          ['base_url', None],
          ['file_permissions_mode', None],
          ['directory_permissions_mode', None],
          ['allow_overwrite', false],
        ],
      },
      args,
      kwargs,
    );
    return new Storage(cls, args, kwargs);
  },
  // @deconstructible(path="django.core.files.storage.FileSystemStorage")
  { path: `${MODULE}.FileSystemStorage`, bases: [StorageClass] },
);

/** The attributes of the django.core.files.storage module. */
export function storageModuleAttrs(): Record<string, PyValue> {
  return { Storage: StorageClass, FileSystemStorage: FileSystemStorageClass };
}
