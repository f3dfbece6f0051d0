/* collect_: finds case files. */
#ifndef NSF_COLLECT_H
#define NSF_COLLECT_H

#include <stddef.h>

struct path_list { char **paths; int n, cap; };

/* Adds path if it is a file, or every *.case below it (in name order) if it is
 * a directory. Returns 0, or -1 with err. */
int collect_cases(const char *path, struct path_list *l, char *err, size_t errlen);
void collect_free(struct path_list *l);

#endif
