/** The long advice behind the notices of delivery inside GitHub Actions. */

export const S3_CLEARED =
  "later steps' S3 calls go to AWS with these credentials. Keep MinIO and AWS credentials in separate jobs, or use profiles for both";
