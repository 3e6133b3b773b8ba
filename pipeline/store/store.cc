#include "pipeline/store/store.h"
