/**
 * The benchmark project of ../shared/bench/gen_project.py, generated in TypeScript: APPS apps ×
 * MODELS models each, with a mix of field types, FKs within and across apps, an M2M per app,
 * indexes and a unique_together.
 */
import { MemoryFS } from '../../src/engine/project/fs.ts';

export function benchProject(apps = 10, models = 20): MemoryFS {
  const labels = Array.from({ length: apps }, (_, a) => `app${String(a).padStart(2, '0')}`);
  const files: Record<string, string> = {};
  files['settings.py'] = `SECRET_KEY = "bench"
INSTALLED_APPS = [${labels.map((l) => `'${l}'`).join(', ')}]
DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "bench", "USER": "postgres", "HOST": "localhost", "PORT": "5432"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "UTC"
`;
  labels.forEach((label, a) => {
    files[`${label}/__init__.py`] = '';
    files[`${label}/migrations/__init__.py`] = '';
    const lines = ['from django.db import models', '', ''];
    for (let m = 0; m < models; m++) {
      const name = `Thing${String(m).padStart(2, '0')}`;
      lines.push(`class ${name}(models.Model):`);
      lines.push('    title = models.CharField(max_length=120, db_index=True)');
      lines.push('    body = models.TextField(blank=True)');
      lines.push('    amount = models.DecimalField(max_digits=12, decimal_places=2, default=0)');
      lines.push('    active = models.BooleanField(default=True)');
      lines.push('    created = models.DateTimeField(auto_now_add=True)');
      lines.push('    slug = models.SlugField(unique=True)');
      if (m > 0) lines.push(`    parent = models.ForeignKey('Thing${String(m - 1).padStart(2, '0')}', on_delete=models.CASCADE, related_name='children')`);
      if (a > 0) lines.push(`    other = models.ForeignKey('${labels[a - 1]}.Thing${String(m).padStart(2, '0')}', on_delete=models.PROTECT, null=True, related_name='+')`);
      if (m === models - 1) lines.push("    tags = models.ManyToManyField('Thing00', related_name='tagged')");
      lines.push('');
      lines.push('    class Meta:');
      lines.push("        unique_together = [('title', 'active')]");
      lines.push(`        indexes = [models.Index(fields=['created', 'amount'], name='${label}_t${String(m).padStart(2, '0')}_ca_idx')]`);
      lines.push('');
      lines.push('');
    }
    files[`${label}/models.py`] = lines.join('\n').trimEnd() + '\n';
  });
  return new MemoryFS(files, '/bench');
}
